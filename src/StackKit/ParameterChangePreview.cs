namespace StackKit;

/// <summary>A parameter an update would change: its current value and the new one.</summary>
/// <param name="Name">The template parameter, e.g. <c>DockerImage</c>.</param>
/// <param name="OldValue">Its value now; null when the stack has no such parameter yet.</param>
/// <param name="NewValue">Its value after the update (masked for a NoEcho parameter).</param>
public sealed record ParameterChangePreview(string Name, string? OldValue, string NewValue)
{
    /// <summary><c>Name: old -> new</c>.</summary>
    public override string ToString() => $"{Name}: {OldValue ?? "(none)"} -> {NewValue}";
}
