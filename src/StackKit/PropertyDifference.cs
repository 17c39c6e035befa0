namespace StackKit;

/// <summary>One property of a drifted resource that differs from the template.</summary>
/// <param name="PropertyPath">Where, as a JSON pointer into the resource's properties, e.g. <c>/SecurityGroupIngress/0/CidrIp</c>.</param>
/// <param name="ExpectedValue">The value the template gives (JSON for objects and lists).</param>
/// <param name="ActualValue">The value the resource has now (JSON for objects and lists).</param>
/// <param name="DifferenceType">Added, removed, or not equal.</param>
public sealed record PropertyDifference(string PropertyPath, string ExpectedValue, string ActualValue, PropertyDifferenceType DifferenceType)
{
    /// <summary>One line: path, then expected and actual value, e.g. <c>/SecurityGroupIngress/0/CidrIp: 10.0.0.0/8 -> 0.0.0.0/0</c>.</summary>
    public override string ToString() =>
        DifferenceType == PropertyDifferenceType.Add ? $"{PropertyPath}: added {ActualValue}"
        : DifferenceType == PropertyDifferenceType.Remove ? $"{PropertyPath}: removed {ExpectedValue}"
        : $"{PropertyPath}: {ExpectedValue} -> {ActualValue}";
}
