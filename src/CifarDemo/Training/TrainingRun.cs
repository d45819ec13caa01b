using System.Diagnostics;
using System.Globalization;
using CifarDemo.Cli;
using CifarDemo.Data;
using CifarDemo.Evaluation;
using CifarDemo.Output;
using CifarDemo.View;
using Microsoft.ML;
using Microsoft.ML.EarlyStopping;
using Microsoft.ML.EarlyStopping.Data;
using Microsoft.ML.EarlyStopping.Training;
using Spectre.Console;

namespace CifarDemo.Training;

/// <summary>
/// The train verb's job: get the data, split it, train with early stopping, save the model, test it, draw the charts
/// and write the report into a new run folder. Ctrl+C stops after the current batch and saves the best model so far.
/// </summary>
internal sealed class TrainingRun
{
    private readonly IAnsiConsole _console;
    private readonly TrainSettings _settings;
    private readonly TrainingView _view;

    public TrainingRun(IAnsiConsole console, TrainSettings settings)
    {
        _console = console;
        _settings = settings;
        _view = new TrainingView(console);
    }

    /// <returns>The exit code.</returns>
    public int Execute(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var mlContext = new MLContext(_settings.Seed);
        // Check the training options before any download or data loading; the validation data is known only later.
        TrainerOptionsFactory.Create(_settings, mlContext.Data.LoadFromEnumerable(Array.Empty<PlaceholderRow>()));

        RunData data = LoadData(mlContext, cancellationToken);
        ITransformer toKey = data.LabelMapping;
        IDataView train = toKey.Transform(data.Sets.Train);
        IDataView? validation = data.Sets.Validation is null ? null : toKey.Transform(data.Sets.Validation);
        IDataView test = toKey.Transform(data.Sets.Test);
        CifarCnnTrainer.Options options = TrainerOptionsFactory.Create(_settings, validation);
        var plan = new RunPlan(
            data.Description, data.Sets.TrainCount, data.Sets.ValidationCount, validation is null ? options.ValidationFraction : 0,
            data.Sets.TestCount, data.Sets.TestDescription, data.Sets.ClassNames, TrainerOptionsFactory.Describe(options, _settings));
        _view.ShowPlan(plan);
        cancellationToken.ThrowIfCancellationRequested();

        RunFolder folder = RunFolder.Create(_settings.Output, DateTime.Now);
        try
        {
            return TrainAndReport(mlContext, folder, plan, options, train, test, clock, cancellationToken);
        }
        catch
        {
            if (!File.Exists(folder.ModelZip))
                folder.Delete(); // nothing worth keeping: leave no half-written run behind
            throw;
        }
    }

    private int TrainAndReport(
        MLContext mlContext, RunFolder folder, RunPlan plan, CifarCnnTrainer.Options options, IDataView train, IDataView test,
        Stopwatch clock, CancellationToken cancellationToken)
    {
        using var tracking = new RunTracking(_view, folder.Path);
        var observers = new TrainingObservers(_view, tracking, options.EarlyStopping?.Patience);
        options.CancellationToken = cancellationToken;
        CifarCnnTransformer? model = null;
        bool cancelled = false;
        TrainingProgress.Run(_console, progress =>
        {
            observers.Attach(options, progress);
            using CancellationTokenRegistration stopping = cancellationToken.Register(progress.Stopping);
            _view.ShowEpochHeader(plan.ValidationCount > 0 || plan.ValidationFraction > 0);
            progress.Activity($"reading {plan.TrainCount} training images");
            try
            {
                model = mlContext.MulticlassClassification.Trainers.CifarCnn(options).Fit(train);
            }
            catch (CifarCnnTrainingCanceledException ex)
            {
                model = ex.Model;
                cancelled = true;
            }
        });

        tracking.ShowWarnings();
        if (model is null)
        {
            tracking.Dispose();
            _view.ShowCancelled("training stopped before the first epoch ended; nothing was saved.");
            folder.Delete();
            return ExitCodes.Cancelled;
        }
        using (model)
            return SaveTestAndReport(mlContext, folder, plan, model, cancelled, train, test, tracking, clock, cancellationToken);
    }

    private int SaveTestAndReport(
        MLContext mlContext, RunFolder folder, RunPlan plan, CifarCnnTransformer model, bool cancelled, IDataView train, IDataView test,
        RunTracking tracking, Stopwatch clock, CancellationToken cancellationToken)
    {
        CifarCnnTrainingSummary summary = model.TrainingSummary;
        _view.ShowOutcome(StoppedEarly(summary), summary.Outcome);
        mlContext.Model.Save(model, train.Schema, folder.ModelZip);
        model.SaveOnnx(folder.ModelOnnx);
        // The summary also gives the last epoch as StoppedEpoch when the budget ran out; only a real early stop is marked.
        bool stoppedEarly = cancelled || StoppedEarly(summary);
        var markers = new ChartRenderer.Markers(summary.BestEpoch, summary.WeightsEpoch, stoppedEarly ? summary.StoppedEpoch : null, cancelled);
        if (!ChartRenderer.CanDrawText)
            _view.ShowWarning("this machine has no fonts, so the charts have no text; install one (e.g. the fonts-dejavu-core package).");
        ChartRenderer.RenderLoss(folder.LossChart, summary.History, markers);
        ChartRenderer.RenderAccuracy(folder.AccuracyChart, summary.History, markers);

        EvaluationResult? evaluation = null;
        if (cancelled || cancellationToken.IsCancellationRequested)
        {
            string what = cancelled ? "training stopped at your request" : "stopped at your request before testing";
            _view.ShowCancelled($"{what}. The model with the weights of epoch {summary.WeightsEpoch} is saved as model.zip (not tested).");
            cancelled = true;
        }
        else
        {
            evaluation = _console.Status().Start("Testing...",
                _ => ModelEvaluator.Evaluate(mlContext, model, test, summary.ClassNames));
            new EvaluationView(_console).Show(evaluation, plan.TestDescription);
            ChartRenderer.RenderConfusion(folder.ConfusionChart, evaluation, string.Create(CultureInfo.InvariantCulture,
                $"Confusion matrix, test accuracy {evaluation.Accuracy:P1} ({evaluation.Count} images)"));
            tracking.LogTest(evaluation);
        }
        tracking.Complete();

        var report = new RunReport(Path.GetFileName(folder.Path), plan, summary.History, summary.Outcome, cancelled, evaluation,
            clock.Elapsed, folder.Files());
        ReportWriter.Write(folder.Report, report);
        _view.ShowFiles(folder.Path, folder.Files(), clock.Elapsed);
        return cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
    }

    private static bool StoppedEarly(CifarCnnTrainingSummary summary) =>
        summary.StopReason is not (EarlyStoppingReason.MaxEpochsReached or EarlyStoppingReason.Cancelled or EarlyStoppingReason.None);

    private RunData LoadData(MLContext mlContext, CancellationToken cancellationToken)
    {
        var imageOptions = new ImageFolderOptions { SkipCorruptImages = _settings.SkipCorruptImages };
        LoadedData loaded = DataProgressDisplay.Run(_console, progress =>
            new DataSourceResolver(mlContext, _settings.CacheDirectory, imageOptions, progress).Load(_settings.Data, cancellationToken));
        ReportSkipped(loaded);
        int? maxPerClass = _settings.MaxPerClass ?? (_settings.Quick ? QuickProfile.MaxPerClass : null);
        PreparedData sets = DataPreparer.Prepare(mlContext, loaded, new SplitOptions(_settings.TestFraction, maxPerClass, _settings.Seed));
        // Keys follow the training split's class names; the same mapping serves every set.
        ITransformer toKey = loaded.Train.MapLabelToKey(mlContext).Fit(loaded.Train.Data);
        return new RunData(sets, toKey, loaded.Description);
    }

    private void ReportSkipped(LoadedData loaded)
    {
        IEnumerable<string> skipped = new[] { loaded.Train, loaded.Validation, loaded.Test }.OfType<CifarDataSet>().SelectMany(s => s.SkippedFiles);
        foreach (string file in skipped)
            _view.ShowWarning($"skipped an image that cannot be decoded: {file}");
    }

    /// <summary>The sets of the run, the label-to-key mapping fitted on the training split, and where the data came from.</summary>
    private sealed record RunData(PreparedData Sets, ITransformer LabelMapping, string Description);

    /// <summary>An empty stand-in for the validation set, so option checks before loading do not depend on it.</summary>
    private sealed class PlaceholderRow
    {
        public float Value { get; set; }
    }
}
