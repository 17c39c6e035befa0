namespace StackKit.Stacks;

/// <summary>A stack to create from a template body and parameter values.</summary>
internal sealed class CreateStackRequest
{
    /// <summary>The stack name; null means <c>&lt;user&gt;-&lt;yyyyMMdd-HHmmss&gt;</c> in local time.</summary>
    public string? StackName { get; init; }

    /// <summary>The CloudFormation template, JSON or YAML.</summary>
    public required string TemplateBody { get; init; }

    /// <summary>A value for each template parameter. Pass every one, defaults included, so later updates can keep them.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra stack tags; <see cref="StackKitTags.ManagedBy"/> is always added.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Capabilities the template needs acknowledged, e.g. <c>CAPABILITY_IAM</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>How many resources the template declares, for progress; null counts the stack's resources once it exists.</summary>
    public int? ResourceCount { get; init; }

    /// <summary>What happens to the stack if creation fails; <see cref="StackFailureAction.Rollback"/> unless set.</summary>
    public StackFailureAction OnFailure { get; init; } = StackFailureAction.Rollback;
}
