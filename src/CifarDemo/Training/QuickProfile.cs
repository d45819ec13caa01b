namespace CifarDemo.Training;

/// <summary>The --quick smoke run: small enough to finish in well under a minute on a 2-core CPU, data loading included.</summary>
internal static class QuickProfile
{
    public const int MaxPerClass = 100;
    public const int MaxEpochs = 3;
    public const int NetworkWidth = 8;
}
