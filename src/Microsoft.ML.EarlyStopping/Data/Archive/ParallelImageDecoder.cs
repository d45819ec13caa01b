using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Decodes images on worker threads while the caller keeps reading the archive: the reader adds each image as it
/// comes, so decompression and decoding overlap and only a bounded queue of encoded images is held at once.
/// </summary>
internal sealed class ParallelImageDecoder : IDisposable
{
    // Enough to keep the workers busy while the reader decompresses, few enough that large encoded images (megabytes
    // each) do not pile up in memory when decoding is the slower side.
    private const int QueuedImagesPerWorker = 32;

    private readonly BlockingCollection<ArchiveImage> _queue;
    private readonly CancellationTokenSource _workerFailed = new();
    private readonly Task[] _workers;
    private bool _completed;

    /// <param name="workerCount">Worker threads, at least 1.</param>
    public ParallelImageDecoder(int workerCount)
    {
        _queue = new BlockingCollection<ArchiveImage>(boundedCapacity: workerCount * QueuedImagesPerWorker);
        _workers = Enumerable.Range(0, workerCount)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
    }

    /// <summary>Queues <paramref name="image"/>; blocks while the queue is full.</summary>
    public void Add(ArchiveImage image)
    {
        try
        {
            _queue.Add(image, _workerFailed.Token);
        }
        catch (OperationCanceledException)
        {
            // A worker failed and nothing drains the queue any more: surface the worker's error instead.
            Complete();
            throw;
        }
    }

    /// <summary>Waits until every queued image is decoded; rethrows an unexpected worker error.</summary>
    public void Complete()
    {
        _completed = true;
        _queue.CompleteAdding();
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Stops the workers; when the reader failed before <see cref="Complete"/>, the queued images are dropped.</summary>
    public void Dispose()
    {
        if (!_completed)
        {
            _workerFailed.Cancel();
            _queue.CompleteAdding();
            try
            {
                Task.WaitAll(_workers);
            }
            catch (AggregateException)
            {
                // The reader's own error is already on its way out; a worker error on top of it adds nothing.
            }
        }

        _queue.Dispose();
        _workerFailed.Dispose();
    }

    private void Work()
    {
        var decoder = new ArchiveImageDecoder();
        try
        {
            foreach (ArchiveImage image in _queue.GetConsumingEnumerable(_workerFailed.Token))
            {
                image.Decode(decoder);
            }
        }
        catch (OperationCanceledException) when (_workerFailed.IsCancellationRequested)
        {
            // Stopped by Dispose or by another worker's failure.
        }
        catch
        {
            _workerFailed.Cancel();
            throw;
        }
    }
}
