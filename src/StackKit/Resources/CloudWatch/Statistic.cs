using StackKit.Templates;

namespace StackKit.Resources.CloudWatch;

/// <summary>How the datapoints of a period combine (<c>Statistic</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct Statistic(string Value) : IStringValue
{
    /// <summary><c>SampleCount</c>: how many datapoints there are.</summary>
    public static Statistic SampleCount { get; } = new("SampleCount");

    /// <summary><c>Average</c>: their mean.</summary>
    public static Statistic Average { get; } = new("Average");

    /// <summary><c>Sum</c>: their total.</summary>
    public static Statistic Sum { get; } = new("Sum");

    /// <summary><c>Minimum</c>: the lowest.</summary>
    public static Statistic Minimum { get; } = new("Minimum");

    /// <summary><c>Maximum</c>: the highest.</summary>
    public static Statistic Maximum { get; } = new("Maximum");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
