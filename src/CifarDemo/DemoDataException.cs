namespace CifarDemo;

/// <summary>Data or a model file that is missing, unreadable or not what was expected; exit code <see cref="ExitCodes.DataError"/>.</summary>
internal sealed class DemoDataException : Exception
{
    public DemoDataException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
