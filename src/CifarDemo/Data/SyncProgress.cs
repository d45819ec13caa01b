namespace CifarDemo.Data;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread (Progress&lt;T&gt; posts to the thread pool, so reports could arrive late or out of order).</summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
