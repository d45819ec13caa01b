using System.Collections.Concurrent;
using Microsoft.ML.EarlyStopping.Tracking;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

/// <summary>Keeps every event it is given.</summary>
internal sealed class RecordingSink(string name = "recording") : ITrackingSink
{
    private readonly ConcurrentQueue<TrackingEvent> _events = new();

    public string Name => name;

    public IReadOnlyList<TrackingEvent> Events => [.. _events];

    public int Batches { get; private set; }

    public bool Disposed { get; private set; }

    public Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        Batches++;
        foreach (TrackingEvent e in batch.Events)
            _events.Enqueue(e);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

/// <summary>Fails every batch with the given exception (or lets batches through once <see cref="Healthy"/> is set).</summary>
internal sealed class FailingSink(string name, Func<TrackingBatch, Exception> failure) : ITrackingSink
{
    private readonly ConcurrentQueue<TrackingEvent> _delivered = new();

    public string Name => name;

    public volatile bool Healthy;

    public int Attempts;

    public IReadOnlyList<TrackingEvent> Delivered => [.. _delivered];

    public Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        if (!Healthy)
            throw failure(batch);
        foreach (TrackingEvent e in batch.Events)
            _delivered.Enqueue(e);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Hangs in every write until cancelled: a sink behind a dead network with no timeouts of its own.</summary>
internal sealed class HangingSink : ITrackingSink
{
    public string Name => "hanging";

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool SawCancellation { get; private set; }

    public async Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            SawCancellation = true;
            throw;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
