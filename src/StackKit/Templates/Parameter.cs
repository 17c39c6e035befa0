using StackKit.Templates.Intrinsics;

namespace StackKit.Templates;

/// <summary>A template parameter. Values are strings on the wire whatever the <see cref="Type"/>.</summary>
public sealed class Parameter(string logicalId, string type)
{
    /// <summary>The parameter's name, which <c>--parameters ParameterKey=…</c> uses.</summary>
    public string LogicalId { get; } = LogicalIds.Check(logicalId);

    /// <summary>The type; see <see cref="ParameterTypes"/>.</summary>
    public string Type { get; } = string.IsNullOrWhiteSpace(type) ? throw new ArgumentException("A parameter needs a type such as String.", nameof(type)) : type;

    /// <summary>What the parameter is for, shown by the console and <c>get-template-summary</c>.</summary>
    public string? Description { get; set; }

    /// <summary>The value used when none is given; null makes the parameter required.</summary>
    public string? Default { get; set; }

    /// <summary>A regular expression every value must match.</summary>
    public string? AllowedPattern { get; set; }

    /// <summary>The only values accepted, when set.</summary>
    public IList<string> AllowedValues { get; } = new List<string>();

    /// <summary>For a Number parameter: the smallest value CloudFormation accepts.</summary>
    public double? MinValue { get; set; }

    /// <summary>For a Number parameter: the largest value CloudFormation accepts.</summary>
    public double? MaxValue { get; set; }

    /// <summary>What CloudFormation says when a value breaks <see cref="AllowedPattern"/>.</summary>
    public string? ConstraintDescription { get; set; }

    /// <summary>True for a secret: CloudFormation masks its value in every answer (DescribeStacks shows <c>****</c>).</summary>
    public bool NoEcho { get; set; }

    /// <summary>The parameter's value.</summary>
    public Value<string> Ref => Fn.Ref(this);

    /// <summary>The <c>Ref</c> of a Number parameter, where a property takes a number.</summary>
    internal Value<T> RefAs<T>() => Fn.RefTo<T>(LogicalId);
}
