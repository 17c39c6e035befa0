namespace StackKit.Stacks;

/// <summary>
/// AWS accepted the change, but following it failed (AWS stayed unreachable, access to its events was denied). The
/// stack exists and CloudFormation carries on: the message names it and says how to look at it again.
/// </summary>
public sealed class StackWatchFailedException : Exception
{
    internal StackWatchFailedException(string stackName, string stackId, Exception inner)
        : base(
            $"Stack '{stackName}' exists and CloudFormation carries on, but watching it failed: {inner.Message} " +
            $"Look at it again with WatchAsync(\"{stackName}\") or GetAsync(\"{stackName}\").",
            inner)
    {
        StackName = stackName;
        StackId = stackId;
    }

    /// <summary>The stack that was being watched.</summary>
    public string StackName { get; }

    /// <summary>Its ARN.</summary>
    public string StackId { get; }
}
