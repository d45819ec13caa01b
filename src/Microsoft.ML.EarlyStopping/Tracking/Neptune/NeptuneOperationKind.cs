namespace Microsoft.ML.EarlyStopping.Tracking.Neptune;

/// <summary>The attribute operations the Neptune sink uses (named as in the 2.x protocol).</summary>
public enum NeptuneOperationKind
{
    /// <summary><c>assignFloat {value}</c>.</summary>
    AssignFloat,

    /// <summary><c>assignInt {value}</c>.</summary>
    AssignInt,

    /// <summary><c>assignBool {value}</c>.</summary>
    AssignBool,

    /// <summary><c>assignString {value}</c>.</summary>
    AssignString,

    /// <summary><c>logFloats {entries: [{value, step, timestampMilliseconds}]}</c>.</summary>
    LogFloats,

    /// <summary><c>insertStrings {values}</c> (used for <c>sys/tags</c>).</summary>
    InsertStrings,
}
