using StackKit.Templates;

namespace StackKit.Resources.Iam;

/// <summary>One statement of an IAM policy document.</summary>
public sealed class PolicyStatement : PropertyObject
{
    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    public Value<Effect>? Effect { get => GetValue<Effect>(); set => SetValue(value); }

    /// <summary>Who the statement is about (trust policies only).</summary>
    public PolicyPrincipal? Principal { get => GetObject<PolicyPrincipal>(); set => SetObject(value); }

    /// <summary>The actions, e.g. <c>dynamodb:Scan</c>.</summary>
    public ValueList<string>? Action { get => GetList<string>(); set => SetList(value); }

    /// <summary>The ARNs the actions apply to.</summary>
    public ValueList<string>? Resource { get => GetList<string>(); set => SetList(value); }

    /// <summary>
    /// The conditions, by operator and then condition key, such as
    /// <c>{"ForAllValues:StringEquals": {"dynamodb:Attributes": [...]}}</c>.
    /// </summary>
    public ObjectExpression? Condition { get => Properties[nameof(Condition)] as ObjectExpression; set => Properties[nameof(Condition)] = value; }
}
