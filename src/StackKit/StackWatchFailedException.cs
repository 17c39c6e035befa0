namespace StackKit;

/// <summary>
/// AWS accepted the change, but following it failed (AWS stayed unreachable, access to its events was denied). The
/// stack exists and CloudFormation carries on: the message names it and says how to look at it again.
/// </summary>
public sealed class StackWatchFailedException : StackException
{
    /// <summary>Watching the stack failed because of <paramref name="innerException"/>.</summary>
    public StackWatchFailedException(string stackName, string stackId, string region, Exception innerException)
        : base(
            $"Stack '{stackName}' in {region} exists and CloudFormation carries on, but watching it failed: {innerException?.Message} " +
            "Watch it again, or look at its status, once AWS answers.",
            stackName, stackId, region, innerException)
    {
    }
}
