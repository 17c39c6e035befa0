namespace StackKit.Stacks;

/// <summary>No stack has the given name in the connection's region.</summary>
public sealed class StackNotFoundException : Exception
{
    internal StackNotFoundException(string stackName, string region)
        : base($"No stack named '{stackName}' exists in {region}. Check the name and region; list StackKit's stacks with ListAsync.")
    {
        StackName = stackName;
    }

    /// <summary>The name that was asked for.</summary>
    public string StackName { get; }
}
