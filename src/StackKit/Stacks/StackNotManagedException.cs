namespace StackKit.Stacks;

/// <summary>
/// The stack exists but StackKit did not create it (it lacks the <see cref="StackKitTags.ManagedBy"/> tag), so
/// StackKit refuses to change or delete it: a typo in a name must never take down someone else's stack.
/// </summary>
public sealed class StackNotManagedException : Exception
{
    internal StackNotManagedException(string stackName, string action)
        : base(
            $"Stack '{stackName}' was not created by StackKit (it has no tag {StackKitTags.ManagedBy}={StackKitTags.ManagedByValue}), " +
            $"so StackKit will not {action} it. Check the name; manage other stacks with the AWS CLI or console.")
    {
        StackName = stackName;
    }

    /// <summary>The stack that was asked for.</summary>
    public string StackName { get; }
}
