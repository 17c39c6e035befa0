namespace StackKit.Stacks;

/// <summary>A change to an existing stack: new values for some parameters, every other parameter keeps its value.</summary>
internal sealed class UpdateStackRequest
{
    /// <summary>The stack to update.</summary>
    public required string StackName { get; init; }

    /// <summary>The parameters to change, e.g. <c>DockerImage</c>; the rest keep their previous values.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>A new template; null keeps the stack's current template.</summary>
    public string? TemplateBody { get; init; }

    /// <summary>
    /// The parameters <see cref="TemplateBody"/> declares: only these are kept from the stack (a parameter the new
    /// template dropped cannot be). Null with a new template keeps every parameter of the stack.
    /// </summary>
    public IReadOnlyCollection<string>? TemplateParameters { get; init; }

    /// <summary>
    /// Minutes CloudFormation keeps watching the stack's health alarms after every resource is updated, rolling the
    /// update back if one goes to ALARM; null sends no rollback triggers.
    /// </summary>
    public int? MonitoringMinutes { get; init; }

    /// <summary>Capabilities the template needs acknowledged, e.g. <c>CAPABILITY_IAM</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];
}
