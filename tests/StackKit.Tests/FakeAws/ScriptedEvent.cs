namespace StackKit.Tests.FakeAws;

/// <summary>A stack event the script makes visible <paramref name="At"/> after the operation started.</summary>
public sealed record ScriptedEvent(TimeSpan At, string LogicalResourceId, string ResourceType, string ResourceStatus, string? Reason = null)
{
    public const string StackType = "AWS::CloudFormation::Stack";
}
