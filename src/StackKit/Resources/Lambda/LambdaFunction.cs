using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.Lambda;

/// <summary>A Lambda function. (<c>AWS::Lambda::Function</c>)</summary>
public sealed class LambdaFunction : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::Lambda::Function";

    /// <summary>A LambdaFunction with this logical id.</summary>
    public LambdaFunction(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>What the function is for.</summary>
    public Value<string>? Description { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The runtime, such as <c>python3.13</c>.</summary>
    public Value<string>? Runtime { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The entry point: <c>module.function</c> for Python.</summary>
    public Value<string>? Handler { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The function's code.</summary>
    public FunctionCode? Code { get => GetObject<FunctionCode>(); set => SetObject(value); }

    /// <summary>The execution role's ARN: what the function may call.</summary>
    public Value<string>? Role { get => GetValue<string>(); set => SetValue(value); }

    /// <summary><c>x86_64</c> or <c>arm64</c>.</summary>
    public ValueList<string>? Architectures { get => GetList<string>(); set => SetList(value); }

    /// <summary>Memory in MB (128 to 10,240).</summary>
    public Value<int>? MemorySize { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Seconds an invocation may run (1 to 900).</summary>
    public Value<int>? Timeout { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>The function's environment variables.</summary>
    public FunctionEnvironment? Environment { get => GetObject<FunctionEnvironment>(); set => SetObject(value); }

    /// <summary>Where and how the function's output is logged.</summary>
    public LoggingConfig? LoggingConfig { get => GetObject<LoggingConfig>(); set => SetObject(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The function's name (its <c>Ref</c>).</summary>
    public Value<string> FunctionName => Ref;

    /// <summary>The function's ARN.</summary>
    public Value<string> Arn => Fn.GetAtt<string>(this, "Arn");
}
