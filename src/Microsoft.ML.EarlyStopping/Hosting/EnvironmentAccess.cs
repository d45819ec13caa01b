using System.Reflection;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.EarlyStopping.Hosting;

/// <summary>
/// The three things a third-party trainer needs from ML.NET 6 that its public API does not expose: the environment
/// behind a catalog (<c>IInternalCatalog.Environment</c>), the environment's seed (<c>IHostEnvironmentInternal.Seed</c>)
/// and whether execution was cancelled (<c>ICancelable.IsCanceled</c>, which ML.NET's own <c>CheckAlive</c> reads).
/// All are read by reflection in this one place; if a future ML.NET renames them, the catalog extension fails with a
/// clear message and the rest degrades gracefully (no seed ⇒ a fixed default, no flag ⇒ only the CancellationToken option).
/// </summary>
internal static class EnvironmentAccess
{
    private static readonly PropertyInfo? CatalogEnvironment = FindInterfaceProperty(typeof(MLContext).Assembly, "Microsoft.ML.Data.IInternalCatalog", "Environment")
        ?? FindInterfaceProperty(typeof(Microsoft.ML.Data.TextLoader).Assembly, "Microsoft.ML.Data.IInternalCatalog", "Environment");
    private static readonly PropertyInfo? Seed = FindInterfaceProperty(typeof(IHost).Assembly, "Microsoft.ML.Runtime.IHostEnvironmentInternal", "Seed");
    private static readonly PropertyInfo? IsCanceled = FindInterfaceProperty(typeof(IHost).Assembly, "Microsoft.ML.Runtime.ICancelable", "IsCanceled");

    /// <summary>The environment a catalog (e.g. <c>mlContext.MulticlassClassification.Trainers</c>) was created with.</summary>
    public static IHostEnvironment GetEnvironment(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (CatalogEnvironment != null && CatalogEnvironment.DeclaringType!.IsInstanceOfType(catalog)
            && CatalogEnvironment.GetValue(catalog) is IHostEnvironment environment)
        {
            return environment;
        }
        throw new NotSupportedException(
            $"Cannot read the ML.NET environment from a {catalog.GetType().Name} with this version of Microsoft.ML. " +
            "Construct the trainer directly instead: new CifarCnnTrainer(mlContext, options).");
    }

    /// <summary>The seed the <see cref="MLContext"/> was created with, if any.</summary>
    public static int? GetSeed(IHostEnvironment environment) =>
        Seed != null && Seed.DeclaringType!.IsInstanceOfType(environment) ? (int?)Seed.GetValue(environment) : null;

    /// <summary>True when ML.NET cancelled execution of this environment (what its internal <c>CheckAlive</c> checks).</summary>
    public static bool IsCancellationRequested(IHostEnvironment environment) =>
        IsCanceled != null && IsCanceled.DeclaringType!.IsInstanceOfType(environment) && (bool)IsCanceled.GetValue(environment)!;

    private static PropertyInfo? FindInterfaceProperty(Assembly assembly, string typeName, string property) =>
        assembly.GetType(typeName, throwOnError: false)?.GetProperty(property);
}
