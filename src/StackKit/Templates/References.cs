using System.Text.RegularExpressions;
using StackKit.Templates.Intrinsics;

namespace StackKit.Templates;

/// <summary>What an expression refers to: parameters and resources (<c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>) and conditions.</summary>
internal static class References
{
    private static readonly Regex Placeholder = new(@"\$\{(?!!)([^}.]+)(\.[^}]*)?\}", RegexOptions.CultureInvariant);

    /// <summary>Logical ids of parameters, resources and pseudo parameters the expression names.</summary>
    public static IEnumerable<string> Targets(Expression expression) =>
        expression.DescendantsAndSelf().OfType<Intrinsic>().SelectMany(TargetsOf);

    /// <summary>Logical ids of conditions the expression names.</summary>
    public static IEnumerable<string> Conditions(Expression expression) =>
        expression.DescendantsAndSelf().OfType<Intrinsic>().SelectMany(ConditionsOf);

    private static IEnumerable<string> TargetsOf(Intrinsic call) => call.Name switch
    {
        "Ref" when call.Argument is Literal { Value: string name } => [name],
        "Fn::GetAtt" when FirstText(call.Argument) is { } name => [name],
        "Fn::Sub" when call.Argument is Literal { Value: string text } => Placeholders(text, variables: null),
        "Fn::Sub" when FirstText(call.Argument) is { } text && call.Argument is ListExpression { Items.Count: 2 } list =>
            Placeholders(text, list.Items[1] as ObjectExpression),
        _ => [],
    };

    private static IEnumerable<string> ConditionsOf(Intrinsic call) => call.Name switch
    {
        "Condition" when call.Argument is Literal { Value: string name } => [name],
        "Fn::If" when FirstText(call.Argument) is { } name => [name],
        _ => [],
    };

    private static string? FirstText(Expression argument) =>
        argument is ListExpression { Items.Count: > 0 } list && list.Items[0] is Literal { Value: string text } ? text : null;

    private static IEnumerable<string> Placeholders(string text, ObjectExpression? variables) =>
        Placeholder.Matches(text).Cast<Match>()
            .Select(match => match.Groups[1].Value)
            .Where(name => variables?[name] is null);
}
