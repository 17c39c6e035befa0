namespace StackKit;

/// <summary>No stack has the given name in the region.</summary>
public sealed class StackNotFoundException : StackException
{
    /// <summary>No stack named <paramref name="stackName"/> exists in <paramref name="region"/>.</summary>
    public StackNotFoundException(string stackName, string region)
        : base($"No stack named '{stackName}' exists in {region}. Check the name and the region; listing the stacks shows the ones StackKit manages there.",
            stackName, null, region)
    {
    }
}
