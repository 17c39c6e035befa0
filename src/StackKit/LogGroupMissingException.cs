namespace StackKit;

/// <summary>The stack has no central log group (or no SSH key audit trail), or its group no longer exists. The message says why and what to do.</summary>
public sealed class LogGroupMissingException : StackKitException
{
    internal LogGroupMissingException(string stackName)
        : base(
            $"Stack '{stackName}' has no log group: it was created without central logs, which need the fleet key store's " +
            "instance role (-NoFleetKeyStore, or HttpServiceOptions.FleetKeyStore = false, leaves both out), or by an " +
            "older StackKit. Its container output stays on each instance (docker logs http-service).")
    {
        StackName = stackName;
    }

    internal LogGroupMissingException(string stackName, string logGroupName, Exception inner)
        : base($"Stack '{stackName}' names the log group '{logGroupName}', which does not exist: the stack is being deleted or failed to create it. Check it with Get-HttpServiceStack.", inner)
    {
        StackName = stackName;
    }

    private LogGroupMissingException(string stackName, string message)
        : base(message)
    {
        StackName = stackName;
    }

    /// <summary>The stack has no SSH key audit trail: no key store, or made by an older StackKit.</summary>
    internal static LogGroupMissingException NoAuditTrail(string stackName) => new(
        stackName,
        $"Stack '{stackName}' has no SSH key audit trail (output KeyAuditLog): it has no fleet key store, or an older StackKit " +
        "made it. Update-HttpServiceStack with this StackKit adds the trail; changes before that are not recorded.");

    /// <summary>The stack that was asked for.</summary>
    public string StackName { get; }
}
