namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>Builds the network an architecture names; the one place to add a new architecture.</summary>
internal static class NetworkFactory
{
    public static CifarNetwork Create(CifarArchitecture architecture, int networkWidth, int classCount, int height, int width) => architecture switch
    {
        CifarArchitecture.Airbench => new AirbenchNet(classCount, networkWidth),
        CifarArchitecture.Seed => new SeedNet(classCount, height, width),
        CifarArchitecture.FastResNet => new FastResNet(classCount, networkWidth),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
    };
}
