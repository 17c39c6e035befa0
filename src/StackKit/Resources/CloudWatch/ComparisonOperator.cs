using StackKit.Templates;

namespace StackKit.Resources.CloudWatch;

/// <summary>How an alarm compares its statistic with its threshold (<c>ComparisonOperator</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct ComparisonOperator(string Value) : IStringValue
{
    /// <summary><c>GreaterThanOrEqualToThreshold</c>: statistic &gt;= threshold.</summary>
    public static ComparisonOperator GreaterThanOrEqualToThreshold { get; } = new("GreaterThanOrEqualToThreshold");

    /// <summary><c>GreaterThanThreshold</c>: statistic &gt; threshold.</summary>
    public static ComparisonOperator GreaterThanThreshold { get; } = new("GreaterThanThreshold");

    /// <summary><c>LessThanThreshold</c>: statistic &lt; threshold.</summary>
    public static ComparisonOperator LessThanThreshold { get; } = new("LessThanThreshold");

    /// <summary><c>LessThanOrEqualToThreshold</c>: statistic &lt;= threshold.</summary>
    public static ComparisonOperator LessThanOrEqualToThreshold { get; } = new("LessThanOrEqualToThreshold");

    /// <summary><c>LessThanLowerOrGreaterThanUpperThreshold</c>: outside an anomaly detection band.</summary>
    public static ComparisonOperator LessThanLowerOrGreaterThanUpperThreshold { get; } = new("LessThanLowerOrGreaterThanUpperThreshold");

    /// <summary><c>LessThanLowerThreshold</c>: below an anomaly detection band.</summary>
    public static ComparisonOperator LessThanLowerThreshold { get; } = new("LessThanLowerThreshold");

    /// <summary><c>GreaterThanUpperThreshold</c>: above an anomaly detection band.</summary>
    public static ComparisonOperator GreaterThanUpperThreshold { get; } = new("GreaterThanUpperThreshold");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
