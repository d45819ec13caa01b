using System.Diagnostics;
using Microsoft.ML.EarlyStopping.Hosting;
using Microsoft.ML.EarlyStopping.Training.Networks;
using Microsoft.ML.EarlyStopping.Training.Schedules;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// The epoch loop: shuffled mini-batches by indexing one pixel tensor, exact epoch-averaged metrics, a validation pass
/// over the whole validation set, the early-stopping verdict, weight snapshots on improvement and the restore of the
/// kept weights at the end, whatever the reason training ended.
/// </summary>
internal sealed class CnnTrainingLoop
{
    private readonly TrainingRecipe _recipe;
    private readonly IChannel _channel;
    private readonly TrainingCancellation _cancellation;
    private readonly Action<EpochMetrics>? _epochEnded;
    private readonly Action<BatchProgress>? _batchEnded;

    public CnnTrainingLoop(TrainingRecipe recipe, IChannel channel, TrainingCancellation cancellation, Action<EpochMetrics>? epochEnded, Action<BatchProgress>? batchEnded = null)
    {
        _recipe = recipe;
        _channel = channel;
        _cancellation = cancellation;
        _epochEnded = epochEnded;
        _batchEnded = batchEnded;
    }

    public TrainingLoopResult Run(CifarNetwork network, ImageTensorSet train, ImageTensorSet? validation, EarlyStoppingMonitor? monitor, Device device)
    {
        var history = new List<EpochMetrics>();
        using optim.Optimizer optimizer = OptimizerFactory.Create(_recipe.Optimizer, network, _recipe.LearningRate, _recipe.Momentum, _recipe.WeightDecay, _recipe.NormBiasRateScale);
        LearningRateSchedule schedule = CreateSchedule(monitor);
        var augmenter = new BatchAugmenter(_recipe.Augment ? _recipe.CropPadding : 0, _recipe.Augment && _recipe.HorizontalFlip, _recipe.Seed, _recipe.CropPaddingMode);
        using var shuffle = new Generator((ulong)_recipe.Seed, device: CPU);
        int stepsPerEpoch = (train.Count + _recipe.BatchSize - 1) / _recipe.BatchSize;
        using LookaheadAverager? lookahead = _recipe.Lookahead ? new LookaheadAverager(network, (long)_recipe.MaxEpochs * stepsPerEpoch) : null;

        Dictionary<string, Tensor>? snapshot = null;
        int? snapshotEpoch = null;
        int lastEpoch = 0;
        bool stopped = false, cancelled = false;
        try
        {
            for (int epoch = 1; epoch <= _recipe.MaxEpochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                TrainPhase phase = TrainOneEpoch(network, optimizer, schedule, augmenter, lookahead, shuffle, train, device, epoch, stepsPerEpoch);
                if (phase.Cancelled)
                {
                    cancelled = true;
                    monitor?.Cancel(epoch);
                    _channel.Info(MessageSensitivity.None, $"Training cancelled during epoch {epoch}; that epoch's partial update is discarded in favour of the kept weights.");
                    break;
                }
                double trainingSeconds = clock.Elapsed.TotalSeconds;
                double? validationLoss = null, validationAccuracy = null;
                if (validation != null)
                    (validationLoss, validationAccuracy) = Evaluate(network, validation, device);
                lastEpoch = epoch;

                EarlyStoppingVerdict? verdict = null;
                if (monitor != null)
                {
                    double? monitored = monitor.Options.Metric switch
                    {
                        EarlyStoppingMetric.ValidationLoss => validationLoss,
                        EarlyStoppingMetric.ValidationAccuracy => validationAccuracy,
                        _ => phase.Loss,
                    };
                    verdict = monitor.Update(epoch, monitored);
                    if (verdict.ShouldSnapshotWeights)
                    {
                        DisposeSnapshot(snapshot);
                        snapshot = Snapshot(network);
                        snapshotEpoch = epoch;
                    }
                }
                schedule.EpochEnded(epoch, PlateauValue(monitor, validationLoss, validationAccuracy, phase.Loss));

                var metrics = new EpochMetrics
                {
                    Epoch = epoch,
                    MaxEpochs = _recipe.MaxEpochs,
                    TrainingLoss = phase.Loss,
                    TrainingAccuracy = phase.Accuracy,
                    ValidationLoss = validationLoss,
                    ValidationAccuracy = validationAccuracy,
                    LearningRate = phase.LastLearningRate,
                    Duration = clock.Elapsed,
                    ImagesPerSecond = train.Count / Math.Max(trainingSeconds, 1e-9),
                    TrainingImages = train.Count,
                    EarlyStopping = verdict,
                };
                history.Add(metrics);
                _channel.Info(MessageSensitivity.None, EpochLogLine.Format(metrics, monitor?.Options.Patience));
                _epochEnded?.Invoke(metrics);

                if (verdict?.ShouldStop == true)
                {
                    stopped = true;
                    break;
                }
                if (_cancellation.IsRequested)
                {
                    cancelled = true;
                    monitor?.Cancel(epoch);
                    break;
                }
            }

            if (!stopped && !cancelled)
                monitor?.Complete(lastEpoch);
            int weightsEpoch = RestoreKeptWeights(network, monitor, snapshot, snapshotEpoch, lastEpoch);
            string outcome = Describe(monitor, weightsEpoch, lastEpoch, cancelled);
            _channel.Info(MessageSensitivity.None, outcome);
            EarlyStoppingReason reason = monitor?.StopReason ?? (cancelled ? EarlyStoppingReason.Cancelled : EarlyStoppingReason.MaxEpochsReached);
            // The monitor records the last epoch for MaxEpochsReached too; the summary reserves StoppedEpoch for an
            // early end (a stop rule or cancellation), as documented.
            int? stoppedEpoch = reason == EarlyStoppingReason.MaxEpochsReached ? null : monitor?.StoppedEpoch ?? (cancelled ? lastEpoch + 1 : null);
            return new TrainingLoopResult(history, reason, stoppedEpoch, monitor?.BestEpoch, monitor?.BestValue, weightsEpoch, outcome, cancelled);
        }
        finally
        {
            DisposeSnapshot(snapshot);
        }
    }

    private sealed record TrainPhase(double Loss, double Accuracy, double LastLearningRate, bool Cancelled);

    private TrainPhase TrainOneEpoch(
        CifarNetwork network, optim.Optimizer optimizer, LearningRateSchedule schedule, BatchAugmenter augmenter,
        LookaheadAverager? lookahead, Generator shuffle, ImageTensorSet train, Device device, int epoch, int stepsPerEpoch)
    {
        network.train();
        var clock = Stopwatch.StartNew();
        using Tensor order = randperm(train.Count, generator: shuffle);
        double lossSum = 0;
        long correct = 0;
        double rate = schedule.RateAt(epoch, 0, stepsPerEpoch);
        for (int step = 0; step < stepsPerEpoch; step++)
        {
            if (_cancellation.IsRequested)
                return new TrainPhase(double.NaN, double.NaN, rate, Cancelled: true);
            using var scope = NewDisposeScope();
            int start = step * _recipe.BatchSize;
            int length = Math.Min(_recipe.BatchSize, train.Count - start);
            Tensor index = order.narrow(0, start, length);
            Tensor images = augmenter.Apply(train.Pixels.index_select(0, index)).to(device);
            if (_recipe.ChannelsLast)
                images = ChannelsLast.Of(images);
            Tensor labels = train.Labels.index_select(0, index).to(device);

            rate = schedule.RateAt(epoch, step, stepsPerEpoch);
            OptimizerFactory.SetLearningRate(optimizer, rate, _recipe.LearningRate);
            optimizer.zero_grad();
            Tensor logits = network.forward(images);
            Tensor loss = nn.functional.cross_entropy(logits, labels, label_smoothing: _recipe.LabelSmoothing);
            loss.backward();
            optimizer.step();
            lookahead?.StepCompleted((long)(epoch - 1) * stepsPerEpoch + step + 1);

            lossSum += loss.item<float>() * (double)length;
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            _batchEnded?.Invoke(new BatchProgress
            {
                Epoch = epoch, MaxEpochs = _recipe.MaxEpochs, Batch = step + 1, BatchesPerEpoch = stepsPerEpoch,
                Images = start + length, ImagesPerEpoch = train.Count, TrainingLoss = lossSum / (start + length), Elapsed = clock.Elapsed,
            });
        }
        // Epochs end on averaged weights, so validation, snapshots and the final model all see what lookahead keeps.
        lookahead?.Average(lookahead.DecayAt((long)epoch * stepsPerEpoch));
        return new TrainPhase(lossSum / train.Count, (double)correct / train.Count, rate, Cancelled: false);
    }

    /// <summary>Mean loss and accuracy over the whole set, every batch weighted by its size.</summary>
    internal (double Loss, double Accuracy) Evaluate(CifarNetwork network, ImageTensorSet data, Device device)
    {
        network.eval();
        using var noGrad = no_grad();
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += _recipe.EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            int length = Math.Min(_recipe.EvaluationBatchSize, data.Count - start);
            Tensor images = data.Pixels.narrow(0, start, length).to(device);
            if (_recipe.ChannelsLast)
                images = ChannelsLast.Of(images);
            Tensor labels = data.Labels.narrow(0, start, length).to(device);
            Tensor logits = network.forward(images);
            lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }
        return (lossSum / data.Count, (double)correct / data.Count);
    }

    private LearningRateSchedule CreateSchedule(EarlyStoppingMonitor? monitor) => _recipe.Schedule switch
    {
        LearningRateScheduleKind.Constant => new ConstantSchedule(_recipe.LearningRate),
        LearningRateScheduleKind.OneCycle => new BudgetSchedule(_recipe.LearningRate, _recipe.MaxEpochs, _recipe.WarmupFraction, cosine: false, _recipe.ScheduleStartRatio, _recipe.ScheduleFinalRatio),
        LearningRateScheduleKind.Cosine => new BudgetSchedule(_recipe.LearningRate, _recipe.MaxEpochs, _recipe.WarmupFraction, cosine: true, _recipe.ScheduleStartRatio, _recipe.ScheduleFinalRatio),
        LearningRateScheduleKind.ReduceOnPlateau => new ReduceOnPlateauSchedule(
            _recipe.LearningRate, _recipe.PlateauFactor, _recipe.PlateauPatience, _recipe.MinLearningRate,
            minimize: monitor == null || monitor.ResolvedDirection == MetricDirection.Minimize),
        _ => throw new ArgumentOutOfRangeException(nameof(_recipe.Schedule), _recipe.Schedule, "Unknown schedule."),
    };

    // The plateau schedule follows the same value early stopping monitors (its own counter, never the monitor's);
    // without early stopping it follows validation loss, or training loss when there is no validation data.
    private static double? PlateauValue(EarlyStoppingMonitor? monitor, double? validationLoss, double? validationAccuracy, double trainingLoss) =>
        monitor?.Options.Metric switch
        {
            EarlyStoppingMetric.ValidationAccuracy => validationAccuracy,
            EarlyStoppingMetric.TrainingLoss => trainingLoss,
            _ => validationLoss ?? trainingLoss,
        };

    private static Dictionary<string, Tensor> Snapshot(CifarNetwork network)
    {
        var copy = new Dictionary<string, Tensor>();
        foreach (var (name, value) in network.state_dict())
            copy[name] = value.detach().clone();
        return copy;
    }

    private static void DisposeSnapshot(Dictionary<string, Tensor>? snapshot)
    {
        if (snapshot == null)
            return;
        foreach (Tensor t in snapshot.Values)
            t.Dispose();
        snapshot.Clear();
    }

    private static int RestoreKeptWeights(CifarNetwork network, EarlyStoppingMonitor? monitor, Dictionary<string, Tensor>? snapshot, int? snapshotEpoch, int lastEpoch)
    {
        if (monitor?.WeightsEpoch is int wanted && wanted != lastEpoch && snapshot != null && snapshotEpoch == wanted)
        {
            using var noGrad = no_grad();
            network.load_state_dict(snapshot);
            return wanted;
        }
        return lastEpoch;
    }

    private static string Describe(EarlyStoppingMonitor? monitor, int weightsEpoch, int lastEpoch, bool cancelled)
    {
        // The monitor's message already says why training stopped and which epoch's weights are kept.
        if (monitor?.StopMessage is string message)
            return message;
        string why = cancelled ? $"Training was cancelled after {lastEpoch} complete epochs." : $"Trained all {lastEpoch} epochs (early stopping off).";
        string kept = lastEpoch == 0
            ? "No epoch completed; the model holds the initial weights."
            : $"The model holds the weights of epoch {weightsEpoch}, the last one.";
        return $"{why} {kept}";
    }
}
