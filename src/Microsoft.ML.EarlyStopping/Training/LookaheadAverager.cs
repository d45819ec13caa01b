using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// Lookahead with a slow exponential average, as in airbench: every <see cref="Interval"/> steps the slow copy moves
/// towards the network's weights by <c>1 - decay</c> and the network is reset to the slow copy. The decay grows from 0
/// (plain SGD early on) to <c>0.95^Interval</c> at the end of the budget as the cube of the progress, so averaging
/// smooths the late, low-learning-rate steps without slowing the early ones.
/// </summary>
/// <remarks>
/// Batch-norm running statistics are averaged too, so they match the averaged weights. Integer buffers (batch counts)
/// are left alone.
/// </remarks>
internal sealed class LookaheadAverager : IDisposable
{
    public const int Interval = 5;
    private const double FinalStepDecay = 0.95;
    private readonly List<(Tensor Live, Tensor Slow)> _pairs = new();
    private readonly long _totalSteps;

    public LookaheadAverager(nn.Module network, long totalSteps)
    {
        if (totalSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "The step budget must be at least 1.");
        _totalSteps = totalSteps;
        using var noGrad = no_grad();
        foreach (Tensor live in network.parameters().Cast<Tensor>().Concat(network.buffers()))
        {
            if (live.is_floating_point())
                _pairs.Add((live, live.detach().clone()));
        }
    }

    /// <summary>The decay after <paramref name="step"/> of the budget: <c>0.95^Interval · (step / total)^3</c>.</summary>
    public double DecayAt(long step)
    {
        double progress = Math.Clamp((double)step / _totalSteps, 0, 1);
        return Math.Pow(FinalStepDecay, Interval) * progress * progress * progress;
    }

    /// <summary>Called after optimiser step number <paramref name="step"/> (1-based); averages every <see cref="Interval"/> steps.</summary>
    public void StepCompleted(long step)
    {
        if (step % Interval == 0)
            Average(DecayAt(step));
    }

    /// <summary>Averages now, whatever the step count (at the end of an epoch, so evaluation sees averaged weights).</summary>
    public void Average(double decay)
    {
        using var noGrad = no_grad();
        foreach ((Tensor live, Tensor slow) in _pairs)
        {
            slow.lerp_(live, 1 - decay);
            live.copy_(slow);
        }
    }

    public void Dispose()
    {
        foreach ((_, Tensor slow) in _pairs)
            slow.Dispose();
        _pairs.Clear();
    }
}
