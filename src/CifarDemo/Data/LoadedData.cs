using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Data;

/// <summary>The splits a data source holds, as loaded (text labels, file order).</summary>
/// <param name="Train">The training split.</param>
/// <param name="Validation">A validation split when the source has one (an image root's val/ folder), else null.</param>
/// <param name="Test">The test split when the source has one, else null.</param>
/// <param name="Description">Where the data came from, for the console and the report.</param>
internal sealed record LoadedData(CifarDataSet Train, CifarDataSet? Validation, CifarDataSet? Test, string Description);
