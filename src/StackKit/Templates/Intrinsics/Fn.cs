namespace StackKit.Templates.Intrinsics;

/// <summary>
/// Typed intrinsic functions: each takes and returns values of the type CloudFormation gives them, so a list
/// can't go where a string belongs and a reference names a parameter, resource or condition object.
/// </summary>
public static class Fn
{
    /// <summary><c>Ref</c> to a parameter: its value.</summary>
    public static Value<string> Ref(Parameter parameter) => RefTo<string>(Required(parameter).LogicalId);

    /// <summary><c>Ref</c> to a resource: its physical id (what each resource type documents as its Ref value).</summary>
    public static Value<string> Ref(Resource resource) => RefTo<string>(Required(resource).LogicalId);

    /// <summary><c>Fn::GetAtt</c>; resources expose typed attributes built on this (<c>loadBalancer.DnsName</c>).</summary>
    public static Value<T> GetAtt<T>(Resource resource, string attribute) =>
        new(new Intrinsic("Fn::GetAtt", new ListExpression([Literal.Of(Required(resource).LogicalId), Literal.Of(attribute)])));

    /// <summary><c>Fn::Sub</c> over <c>${Name}</c> and <c>${Resource.Attribute}</c> placeholders.</summary>
    public static Value<string> Sub(string template) => new(new Intrinsic("Fn::Sub", Literal.Of(template)));

    /// <summary><c>Fn::Sub</c> with variables of its own.</summary>
    public static Value<string> Sub(string template, IEnumerable<KeyValuePair<string, Value<string>>> variables)
    {
        var map = new ObjectExpression();
        foreach (var variable in variables)
        {
            map[variable.Key] = variable.Value.Expression;
        }
        return new(new Intrinsic("Fn::Sub", new ListExpression([Literal.Of(template), map])));
    }

    /// <summary><c>Fn::Join</c>.</summary>
    public static Value<string> Join(string delimiter, ValueList<string> items) =>
        new(new Intrinsic("Fn::Join", new ListExpression([Literal.Of(delimiter), Required(items).Expression])));

    /// <summary><c>Fn::Base64</c>.</summary>
    public static Value<string> Base64(Value<string> text) => new(new Intrinsic("Fn::Base64", Required(text).Expression));

    /// <summary><c>Fn::GetAZs</c> of the stack's region.</summary>
    public static ValueList<string> GetAZs() => new(new Intrinsic("Fn::GetAZs", Literal.Of(string.Empty)));

    /// <summary><c>Fn::Select</c>: the item at <paramref name="index"/>.</summary>
    public static Value<T> Select<T>(int index, ValueList<T> list) =>
        new(new Intrinsic("Fn::Select", new ListExpression([Literal.Of(index), Required(list).Expression])));

    /// <summary><c>Fn::If</c>: one value or the other, by a condition.</summary>
    public static Value<T> If<T>(Condition condition, Value<T> whenTrue, Value<T> whenFalse) =>
        new(new Intrinsic("Fn::If", new ListExpression(
            [Literal.Of(Required(condition).LogicalId), Required(whenTrue).Expression, Required(whenFalse).Expression])));

    /// <summary><c>Fn::Equals</c>.</summary>
    public static Value<bool> Equals(Value<string> left, Value<string> right) =>
        new(new Intrinsic("Fn::Equals", new ListExpression([Required(left).Expression, Required(right).Expression])));

    /// <summary><c>Fn::Not</c>.</summary>
    public static Value<bool> Not(Value<bool> condition) =>
        new(new Intrinsic("Fn::Not", new ListExpression([Required(condition).Expression])));

    /// <summary><c>Fn::And</c>.</summary>
    public static Value<bool> And(params Value<bool>[] conditions) =>
        new(new Intrinsic("Fn::And", new ListExpression(conditions.Select(condition => Required(condition).Expression))));

    /// <summary><c>Fn::Or</c>.</summary>
    public static Value<bool> Or(params Value<bool>[] conditions) =>
        new(new Intrinsic("Fn::Or", new ListExpression(conditions.Select(condition => Required(condition).Expression))));

    /// <summary>A reference to another condition, for use inside a condition.</summary>
    public static Value<bool> ConditionOf(Condition condition) =>
        new(new Intrinsic("Condition", Literal.Of(Required(condition).LogicalId)));

    internal static Value<T> RefTo<T>(string logicalId) => new(new Intrinsic("Ref", Literal.Of(logicalId)));

    private static T Required<T>(T value)
        where T : class => value ?? throw new ArgumentNullException(nameof(value));
}
