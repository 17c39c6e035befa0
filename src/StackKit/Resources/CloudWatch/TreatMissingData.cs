using StackKit.Templates;

namespace StackKit.Resources.CloudWatch;

/// <summary>What an alarm counts a period without datapoints as (<c>TreatMissingData</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct TreatMissingData(string Value) : IStringValue
{
    /// <summary><c>breaching</c>: as crossing the threshold.</summary>
    public static TreatMissingData Breaching { get; } = new("breaching");

    /// <summary><c>notBreaching</c>: as within the threshold.</summary>
    public static TreatMissingData NotBreaching { get; } = new("notBreaching");

    /// <summary><c>ignore</c>: the alarm keeps its state.</summary>
    public static TreatMissingData Ignore { get; } = new("ignore");

    /// <summary><c>missing</c>: the alarm goes to INSUFFICIENT_DATA when every evaluated period is missing (the default).</summary>
    public static TreatMissingData Missing { get; } = new("missing");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
