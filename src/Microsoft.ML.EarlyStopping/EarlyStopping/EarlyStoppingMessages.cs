using System.Globalization;

namespace Microsoft.ML.EarlyStopping;

/// <summary>
/// Words for the monitor's decisions: every stop says why, with the numbers a user needs to change a setting, and which
/// weights the model keeps. Kept apart from <see cref="EarlyStoppingMonitor"/> so wording never affects decisions.
/// </summary>
internal static class EarlyStoppingMessages
{
    /// <summary>Describes the stop the monitor has just recorded.</summary>
    /// <param name="monitor">The monitor, already holding the stop reason and epoch.</param>
    /// <param name="options">The options in force.</param>
    /// <param name="value">The value of the stopping epoch, or null for Complete and Cancel.</param>
    public static string Describe(EarlyStoppingMonitor monitor, EarlyStoppingOptions options, double? value)
    {
        string metric = EarlyStoppingMetricInfo.DisplayName(options.Metric);
        int epoch = monitor.StoppedEpoch ?? monitor.LastEpoch;
        string best = monitor.BestEpoch is int bestEpoch
            ? $"best {Number(monitor.BestValue!.Value)} at epoch {bestEpoch}"
            : "no best yet";

        string reason = monitor.StopReason switch
        {
            EarlyStoppingReason.PatienceExhausted when monitor.BestEpoch is null =>
                $"Stopped at epoch {epoch}: {metric} had no finite value in {options.Patience} consecutive monitored epochs, " +
                "so there is no best; training has probably diverged, so lower the learning rate.",
            EarlyStoppingReason.PatienceExhausted =>
                $"Stopped at epoch {epoch}: {metric} did not improve{Margin(options)} for {options.Patience} consecutive " +
                $"monitored epochs ({best}); raise Patience{(options.MinDelta > 0 ? " or lower MinDelta" : string.Empty)} to train longer.",
            EarlyStoppingReason.BaselineNotReached =>
                $"Stopped at epoch {epoch}: {metric} did not beat the baseline {Number(options.Baseline!.Value)}{Margin(options)} " +
                $"within {options.Patience} consecutive monitored epochs ({best}); lower Baseline or raise Patience.",
            EarlyStoppingReason.NonFiniteMetric =>
                $"Stopped at epoch {epoch}: {metric} was {Number(value!.Value)} ({best}); training has probably diverged, so lower " +
                $"the learning rate, or set {nameof(EarlyStoppingOptions.StopOnNonFiniteMetric)} = false to count such epochs as misses.",
            EarlyStoppingReason.StoppingThresholdReached =>
                $"Stopped at epoch {epoch}: {metric} {Number(value!.Value)} reached the stopping threshold " +
                $"{Number(options.StoppingThreshold!.Value)} ({best}).",
            EarlyStoppingReason.DivergenceThresholdExceeded =>
                $"Stopped at epoch {epoch}: {metric} {Number(value!.Value)} is worse than the divergence threshold " +
                $"{Number(options.DivergenceThreshold!.Value)} ({best}); training is diverging, so lower the learning rate " +
                $"or relax {nameof(EarlyStoppingOptions.DivergenceThreshold)}.",
            EarlyStoppingReason.MaxEpochsReached => MaxEpochs(monitor, metric, epoch),
            EarlyStoppingReason.Cancelled => $"Training was cancelled at epoch {epoch} ({best}).",
            _ => $"Training ended at epoch {epoch} ({monitor.StopReason}).",
        };

        return reason + " " + KeptWeights(monitor, options);
    }

    /// <summary>Formats a value for messages: invariant culture, 6 significant digits, infinities spelled out.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Infinity",
        double.NegativeInfinity => "-Infinity",
        _ => value.ToString("G6", CultureInfo.InvariantCulture),
    };

    private static string MaxEpochs(EarlyStoppingMonitor monitor, string metric, int epoch)
    {
        if (monitor.BestEpoch is not int bestEpoch)
        {
            return $"Training ran all {epoch} epochs; no {metric} value was monitored (every epoch was in the warm-up, " +
                "had no value, or was not finite).";
        }

        string text = $"Training ran all {epoch} epochs without stopping early (best {metric} {Number(monitor.BestValue!.Value)} at epoch {bestEpoch})";
        return monitor.EpochsWithoutImprovement == 0
            ? text + $"; {metric} was still improving, so more epochs may help."
            : text + ".";
    }

    private static string Margin(EarlyStoppingOptions options)
    {
        if (options.MinDelta == 0)
        {
            return string.Empty;
        }

        return options.MinDeltaMode == MinDeltaMode.Relative
            ? $" by more than {Number(options.MinDelta * 100)}% of the best"
            : $" by more than {Number(options.MinDelta)}";
    }

    private static string KeptWeights(EarlyStoppingMonitor monitor, EarlyStoppingOptions options)
    {
        if (monitor.WeightsEpoch is not int weights)
        {
            return "No epoch was trained.";
        }

        if (!options.RestoreBestWeights)
        {
            return $"The model keeps the weights of epoch {weights}, the last one ({nameof(EarlyStoppingOptions.RestoreBestWeights)} is off).";
        }

        return monitor.BestEpoch is null
            ? $"The model keeps the weights of epoch {weights}, the last one, because no epoch became best."
            : $"The model keeps the weights of epoch {weights}, the best one.";
    }
}
