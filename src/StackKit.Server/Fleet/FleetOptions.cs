namespace StackKit.Server.Fleet;

/// <summary>
/// Fleet mode, bound from <c>KeyInjection:Fleet</c> (environment: <c>KeyInjection__Fleet__TableName</c>,
/// <c>KeyInjection__Fleet__SyncInterval</c>): every server takes its keys from one DynamoDB table. The region,
/// credentials and endpoint come from the AWS SDK's usual chain (<c>AWS_REGION</c>, the instance role,
/// <c>AWS_ENDPOINT_URL_DYNAMODB</c>).
/// </summary>
public sealed class FleetOptions
{
    /// <summary>The key table's name; empty means no fleet: keys are written on the server that receives them only.</summary>
    public string? TableName { get; set; }

    /// <summary>How often each server reads the whole table and applies it (also once at start); default 10 s.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Key approval (environment <c>KeyInjection__Fleet__KeyApproval=true</c>, the stack's <c>KeyApproval</c> option):
    /// a POSTed key is stored pending, answered 202, and reaches no server; the sync applies only items an approver
    /// has approved (<c>ApprovedBy</c>, which the instance role may not write). Default false.
    /// </summary>
    public bool KeyApproval { get; set; }

    /// <summary>True when a table is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(TableName);
}
