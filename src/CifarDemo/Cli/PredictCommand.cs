using CifarDemo.Evaluation;
using CifarDemo.View;
using Microsoft.ML;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>The predict verb: the top classes, with probabilities, of each image. Exit code 3 when an image could not be read.</summary>
internal sealed class PredictCommand : Command<PredictSettings>
{
    private readonly IAnsiConsole _console;

    public PredictCommand(IAnsiConsole console)
    {
        _console = console;
    }

    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        var mlContext = new MLContext(seed: 1);
        using LoadedModel model = LoadedModel.Load(mlContext, settings.Model!);
        var predictor = new ImagePredictor(mlContext, model);
        var view = new PredictionView(_console);
        int failed = 0;
        foreach (string image in settings.Images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Prediction prediction = predictor.Predict(image, Math.Min(settings.Top, model.ClassNames.Count));
            view.Show(prediction);
            if (prediction.Error is not null)
                failed++;
        }
        return failed == 0 ? ExitCodes.Success : ExitCodes.DataError;
    }
}
