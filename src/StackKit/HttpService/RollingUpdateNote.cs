using StackKit.Stacks;

namespace StackKit.HttpService;

/// <summary>
/// What a change set does not say: a changed launch template (a new image, instance type, AMI or service setting)
/// makes the group's rolling update replace the servers one at a time.
/// </summary>
internal static class RollingUpdateNote
{
    /// <summary>The parameters the launch template (and so every server) depends on.</summary>
    private static readonly string[] LaunchParameters =
    [
        HttpServiceNames.DockerImage, HttpServiceNames.InstanceType, HttpServiceNames.AmiId, HttpServiceNames.LatestAmiId,
        HttpServiceNames.ServiceUsername, HttpServiceNames.ServicePasswordHash, HttpServiceNames.SshKeyName,
    ];

    public static StackChangePreview Add(StackChangePreview preview)
    {
        var changed = preview.ParameterChanges.Where(p => LaunchParameters.Contains(p.Name)).Select(p => p.Name).ToList();
        var launchTemplateChanges = preview.Changes.Any(c => c.ResourceType == "AWS::EC2::LaunchTemplate" && c.Action == ResourceChangeAction.Modify);
        if (changed.Count == 0 && !launchTemplateChanges)
        {
            return preview;
        }
        var cause = changed.Count > 0 ? $"the new {string.Join(", ", changed)}" : "the changed launch template";
        var note = $"Because of {cause}, the servers are replaced one by one by the rolling update: one new server at a time, " +
                   "which must signal that it serves (within 15 minutes) before an old one goes; at least one stays in service throughout.";
        return preview with { Notes = [.. preview.Notes, note] };
    }
}
