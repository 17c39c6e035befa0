using StackKit.Stacks;

namespace StackKit;

/// <summary>
/// The stack exists but StackKit did not create it (it lacks StackKit's <c>stackkit:managed-by</c> tag), so StackKit
/// refuses to change or delete it: a typo in a name must never take down someone else's stack.
/// </summary>
public sealed class StackNotManagedException : StackException
{
    /// <summary>StackKit refuses to <paramref name="action"/> (update, delete, add SSH keys to...) the stack.</summary>
    public StackNotManagedException(string stackName, string stackId, string region, string action)
        : base(
            $"Stack '{stackName}' in {region} was not created by StackKit (it has no tag {StackKitTags.ManagedBy}={StackKitTags.ManagedByValue}), " +
            $"so StackKit will not {action} it. Check the name; manage other stacks with the AWS CLI or console.",
            stackName, stackId, region)
    {
    }
}
