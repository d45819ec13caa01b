using System.Diagnostics;
using Microsoft.ML.EarlyStopping.Hosting;
using Microsoft.ML.EarlyStopping.Training.Networks;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// Trains a convolutional network on images with TorchSharp, with early stopping, as an ML.NET estimator.
/// Input: a key-typed label column and a planar pixel vector column (see <see cref="Options"/>).
/// Output: a <see cref="CifarCnnTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.
/// Create it with <c>mlContext.MulticlassClassification.Trainers.CifarCnn(...)</c>.
/// </summary>
public sealed partial class CifarCnnTrainer : IEstimator<CifarCnnTransformer>
{
    private readonly IHostEnvironment _environment;
    private readonly Options _options;

    /// <summary>Creates the trainer. Options are checked now, so a bad setting fails before any pipeline runs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">Options contradict each other.</exception>
    public CifarCnnTrainer(IHostEnvironment environment, Options options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        _environment = environment;
        _options = options;
        TrainingRecipe.From(options, EnvironmentAccess.GetSeed(environment));
        if (options.EarlyStopping != null)
            _ = new EarlyStoppingMonitor(options.EarlyStopping);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        OutputColumns.CheckInput(inputSchema, _options.LabelColumnName, _options.FeatureColumnName, 3 * _options.ImageHeight * _options.ImageWidth);
        return OutputColumns.Append(inputSchema, _options.LabelColumnName, _options.FeatureColumnName);
    }

    /// <summary>Trains on <paramref name="input"/> (checking every column and option before any training) and returns the model with the kept weights.</summary>
    /// <exception cref="ArgumentException">A column is missing, has the wrong type or size, or the data is empty.</exception>
    /// <exception cref="CifarCnnTrainingCanceledException">Training was cancelled; the exception carries the model so far.</exception>
    public CifarCnnTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var clock = Stopwatch.StartNew();
        IHost host = _environment.Register(nameof(CifarCnnTrainer));
        using IChannel channel = host.Start("Training");
        SafeTrainingObserver? observer = SafeTrainingObserver.Wrap(_options.Observer, channel);
        CifarCnnTransformer model;
        try
        {
            model = FitObserved(input, clock, host, channel, observer);
        }
        catch (CifarCnnTrainingCanceledException ex)
        {
            observer?.OnTrainingEnded(new TrainingEndedEvent { State = TrainingEndState.Canceled, Summary = ex.Model?.TrainingSummary, Error = ex, EndTime = DateTimeOffset.UtcNow });
            throw;
        }
        catch (Exception ex)
        {
            TrainingEndState state = ex is OperationCanceledException ? TrainingEndState.Canceled : TrainingEndState.Failed;
            observer?.OnTrainingEnded(new TrainingEndedEvent { State = state, Error = ex, EndTime = DateTimeOffset.UtcNow });
            throw;
        }
        observer?.OnTrainingEnded(new TrainingEndedEvent { State = TrainingEndState.Finished, Summary = model.TrainingSummary, EndTime = DateTimeOffset.UtcNow });
        return model;
    }

    private CifarCnnTransformer FitObserved(IDataView input, Stopwatch clock, IHost host, IChannel channel, SafeTrainingObserver? observer)
    {
        TrainingRecipe recipe = TrainingRecipe.From(_options, EnvironmentAccess.GetSeed(_environment));
        TrainingColumns columns = TrainingColumns.FromSchema(input.Schema, _options.LabelColumnName, _options.FeatureColumnName, 3, _options.ImageHeight, _options.ImageWidth);
        if (_options.ValidationSet != null)
            columns.CheckCompatible(_options.ValidationSet.Schema, "validation set");
        // A fresh monitor per Fit: no state leaks from an earlier Fit of the same estimator.
        EarlyStoppingMonitor? monitor = _options.EarlyStopping != null ? new EarlyStoppingMonitor(_options.EarlyStopping) : null;
        var cancellation = new TrainingCancellation(host, _options.CancellationToken);

        if (recipe.NumberOfThreads is int threads)
            torch.set_num_threads(threads);
        torch.Device device = DeviceSelector.Resolve(recipe.Device, channel);

        (ImageTensorSet train, ImageTensorSet? validation) = ReadData(input, columns, recipe, cancellation, channel);
        using (train)
        using (validation)
        {
            channel.Info(MessageSensitivity.None,
                $"Training {recipe.Architecture} on {train.Count} images ({columns.ClassNames.Count} classes), validating on {validation?.Count ?? 0}, " +
                $"{DeviceSelector.Describe(device)}, batch {recipe.BatchSize}, {recipe.Optimizer} lr {recipe.LearningRate} ({recipe.Schedule}), up to {recipe.MaxEpochs} epochs.");

            observer?.OnTrainingStarted(new TrainingStartedEvent
            {
                Architecture = recipe.Architecture,
                Parameters = recipe.ToParameters(_options.EarlyStopping),
                ClassNames = columns.ClassNames,
                TrainingRows = train.Count,
                ValidationRows = validation?.Count ?? 0,
                Device = DeviceSelector.Describe(device),
                StartTime = DateTimeOffset.UtcNow,
            });

            torch.manual_seed(recipe.Seed);
            using CifarNetwork network = NetworkFactory.Create(recipe.Architecture, recipe.NetworkWidth, columns.ClassNames.Count, columns.Height, columns.Width);
            network.TestTimeFlip = recipe.TestTimeFlip;
            network.to(device);
            network.InitializeFromData(train.Pixels);
            if (recipe.ChannelsLast)
                ChannelsLast.Apply(network);
            // The observer goes first: it only enqueues, and a throwing user callback must not hide the epoch from it.
            Action<EpochMetrics>? epochEnded = observer == null ? _options.EpochEnded : (Action<EpochMetrics>)observer.OnEpochEnded + _options.EpochEnded;
            var loop = new CnnTrainingLoop(recipe, channel, cancellation, epochEnded, _options.BatchEnded);
            TrainingLoopResult result = loop.Run(network, train.To(device), validation?.To(device), monitor, device);

            network.to(torch.CPU);
            network.eval();
            var summary = new CifarCnnTrainingSummary(
                result.History, result.StopReason, result.StoppedEpoch, result.BestEpoch, result.BestValue, result.WeightsEpoch,
                result.Outcome, clock.Elapsed, recipe.Architecture, DeviceSelector.Describe(device), columns.ClassNames,
                train.Count, validation?.Count ?? 0);
            CifarCnnTransformer? model = result.History.Count > 0 || !result.Cancelled
                ? ScoringModelFactory.Create(network, columns, input, summary)
                : null;
            if (result.Cancelled)
                throw new CifarCnnTrainingCanceledException(result.Outcome, model, _options.CancellationToken);
            return model!;
        }
    }

    private (ImageTensorSet Train, ImageTensorSet? Validation) ReadData(
        IDataView input, TrainingColumns columns, TrainingRecipe recipe, TrainingCancellation cancellation, IChannel channel)
    {
        ImageTensorSetReader.Result all = ImageTensorSetReader.Read(input, columns, cancellation, "training data");
        if (all.SkippedMissingLabels > 0)
            channel.Warning(MessageSensitivity.None, $"Skipped {all.SkippedMissingLabels} training rows whose label is missing.");

        if (_options.ValidationSet != null)
        {
            ImageTensorSetReader.Result validation = ImageTensorSetReader.Read(_options.ValidationSet, columns, cancellation, "validation set");
            if (validation.SkippedMissingLabels > 0)
                channel.Warning(MessageSensitivity.None, $"Skipped {validation.SkippedMissingLabels} validation rows whose label is missing.");
            return (all.Set, validation.Set);
        }
        if (recipe.ValidationFraction == 0)
            return (all.Set, null);

        var (trainRows, validationRows) = StratifiedSplit.Split(all.Labels, columns.ClassNames.Count, recipe.ValidationFraction, recipe.Seed);
        if (trainRows.Length == 0 || validationRows.Length == 0)
        {
            all.Set.Dispose();
            throw new ArgumentException(
                $"The training data has {all.Labels.Length} labelled rows: too few to hold out a validation fraction of {recipe.ValidationFraction}. " +
                "Provide more data or an explicit ValidationSet.", nameof(input));
        }
        using (all.Set)
            return (all.Set.Select(trainRows), all.Set.Select(validationRows));
    }
}
