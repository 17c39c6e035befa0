namespace StackKit;

/// <summary>CloudFormation could not make the preview's change set (a bad template or value); nothing was changed.</summary>
public sealed class ChangeSetFailedException : StackKitException
{
    internal ChangeSetFailedException(string stackName, string reason)
        : base($"CloudFormation cannot preview the update of stack '{stackName}': {reason}")
    {
        StackName = stackName;
        Reason = reason;
    }

    /// <summary>The stack.</summary>
    public string StackName { get; }

    /// <summary>CloudFormation's status reason.</summary>
    public string Reason { get; }
}
