using CifarDemo.Data;
using CifarDemo.Evaluation;
using CifarDemo.View;
using Microsoft.ML;
using Microsoft.ML.EarlyStopping.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>
/// The evaluate verb: loads a model.zip with plain <c>mlContext.Model.Load</c> and tests it on the data's test split,
/// or, without one, on the same held-out part of the training data that train uses (same --seed and --test-fraction).
/// </summary>
internal sealed class EvaluateCommand : Command<EvaluateSettings>
{
    private readonly IAnsiConsole _console;

    public EvaluateCommand(IAnsiConsole console)
    {
        _console = console;
    }

    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        var mlContext = new MLContext(settings.Seed);
        using LoadedModel model = LoadedModel.Load(mlContext, settings.Model!);
        var imageOptions = new ImageFolderOptions { SkipCorruptImages = settings.SkipCorruptImages };
        LoadedData loaded = DataProgressDisplay.Run(_console, progress =>
            new DataSourceResolver(mlContext, settings.CacheDirectory, imageOptions, progress).Load(settings.Data, cancellationToken));
        PreparedData sets = DataPreparer.Prepare(mlContext, loaded, new SplitOptions(settings.TestFraction, settings.MaxPerClass, settings.Seed));
        string[] unknown = sets.ClassNames.Except(model.ClassNames, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new DemoDataException(
                $"The data has classes the model does not know: {string.Join(", ", unknown)} (the model's classes: {string.Join(", ", model.ClassNames)}).");
        }
        cancellationToken.ThrowIfCancellationRequested();

        IDataView test = LabelKeys.Create(mlContext, model.ClassNames).Fit(sets.Test).Transform(sets.Test);
        _console.MarkupLine($"[grey]model[/] {Markup.Escape(Path.GetFullPath(settings.Model!))}");
        _console.MarkupLine($"[grey]data[/]  {Markup.Escape(loaded.Description)}");
        EvaluationResult result = _console.Status().Start("Testing...",
            _ => ModelEvaluator.Evaluate(mlContext, model.Transformer, test, model.ClassNames));
        new EvaluationView(_console).Show(result, sets.TestDescription);
        return ExitCodes.Success;
    }
}
