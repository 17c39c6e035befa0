namespace StackKit.Tests.FakeAws;

/// <summary>One Query call the fake endpoint received: who signed it for which service and region, the action and its form.</summary>
public sealed record FakeAwsRequest(string AccessKey, string Service, string Region, string Action, IReadOnlyDictionary<string, string> Form, DateTimeOffset ReceivedAt)
{
    public string? this[string name] => Form.TryGetValue(name, out var value) ? value : null;
}
