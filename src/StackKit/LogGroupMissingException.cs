namespace StackKit;

/// <summary>The stack has no central log group, or its group no longer exists. The message says why and what to do.</summary>
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

    /// <summary>The stack that was asked for.</summary>
    public string StackName { get; }
}
