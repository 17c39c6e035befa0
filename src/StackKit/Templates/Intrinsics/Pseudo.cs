namespace StackKit.Templates.Intrinsics;

/// <summary>CloudFormation's pseudo parameters.</summary>
public static class Pseudo
{
    /// <summary><c>AWS::StackName</c>.</summary>
    public static Value<string> StackName => Fn.RefTo<string>("AWS::StackName");

    /// <summary><c>AWS::Region</c>.</summary>
    public static Value<string> Region => Fn.RefTo<string>("AWS::Region");

    /// <summary><c>AWS::StackId</c>: the stack's ARN, ending in a lower-case UUID.</summary>
    public static Value<string> StackId => Fn.RefTo<string>("AWS::StackId");

    /// <summary><c>AWS::AccountId</c>.</summary>
    public static Value<string> AccountId => Fn.RefTo<string>("AWS::AccountId");

    /// <summary><c>AWS::NoValue</c>: removes the property it is assigned to (typically inside <c>Fn::If</c>).</summary>
    public static Value<T> NoValue<T>() => Fn.RefTo<T>("AWS::NoValue");

    /// <summary>Whether <paramref name="name"/> is a pseudo parameter, which a <c>Ref</c> may name without declaring it.</summary>
    internal static bool IsPseudoParameter(string name) => name.StartsWith("AWS::", StringComparison.Ordinal);
}
