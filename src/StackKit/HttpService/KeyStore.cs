using StackKit.Keys;
using StackKit.Resources.DynamoDB;
using StackKit.Resources.Iam;
using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The fleet's SSH key store: a DynamoDB table of the stack's own (deleted with it, keys and all) and the instance
/// role that lets the servers add keys to it and read it, and nothing else.
/// </summary>
internal sealed class KeyStore
{
    private KeyStore(Table table, Role role, InstanceProfile instanceProfile)
    {
        Table = table;
        Role = role;
        InstanceProfile = instanceProfile;
    }

    public Table Table { get; }

    public InstanceProfile InstanceProfile { get; }

    /// <summary>The instances' role: other parts (the central logs) add their own narrow policy to it.</summary>
    public Role Role { get; }

    /// <summary>
    /// Adds the table, the role and its profile. With <paramref name="keyApproval"/>, the role's puts may name only
    /// <see cref="KeyTableSchema.ServerAttributes"/> (IAM's <c>dynamodb:Attributes</c>, docs/templates.md "Key approval"):
    /// a server can store a pending key but never an approved one.
    /// </summary>
    public static KeyStore Add(Template template, bool keyApproval = false)
    {
        var table = template.Add(new Table(HttpServiceNames.KeyTableOutput)
        {
            AttributeDefinitions = [new AttributeDefinition { AttributeName = KeyTableSchema.Fingerprint, AttributeType = ScalarAttributeType.String }],
            KeySchema = [new KeySchema { AttributeName = KeyTableSchema.Fingerprint, KeyType = KeyType.Hash }],
            BillingMode = BillingMode.PayPerRequest,
            SSESpecification = new SSESpecification { SSEEnabled = true },
            // DynamoDB deletes expired keys' items in its own time (within days); the servers drop them at their time.
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = KeyTableSchema.ExpiresAt, Enabled = true },
            Tags = HttpServiceTemplate.StackNameTags(),
        });
        // The keys belong to the stack: nothing is left behind when it goes, or when an update replaces the table.
        table.DeletionPolicy = DeletionPolicy.Delete;
        table.UpdateReplacePolicy = DeletionPolicy.Delete;

        var role = template.Add(new Role("InstanceRole")
        {
            Description = "The HTTP service's instances: add SSH keys to the stack's key table and read them, read their own health in the load balancer, and with central logs write to the stack's log group; nothing else.",
            AssumeRolePolicyDocument = new PolicyDocument
            {
                Version = PolicyDocument.CurrentVersion,
                Statement =
                [
                    new PolicyStatement { Effect = Effect.Allow, Principal = new PolicyPrincipal { Service = new Value<string>[] { "ec2.amazonaws.com" } }, Action = new Value<string>[] { "sts:AssumeRole" } },
                ],
            },
            Policies =
            [
                new Policy
                {
                    PolicyName = "KeyTableAccess",
                    PolicyDocument = new PolicyDocument
                    {
                        Version = PolicyDocument.CurrentVersion,
                        Statement = keyApproval
                            ?
                            [
                                new PolicyStatement { Effect = Effect.Allow, Action = new Value<string>[] { "dynamodb:Scan" }, Resource = new[] { table.Arn } },
                                new PolicyStatement { Effect = Effect.Allow, Action = new Value<string>[] { "dynamodb:PutItem" }, Resource = new[] { table.Arn }, Condition = OnlyServerAttributes() },
                            ]
                            :
                            [
                                new PolicyStatement { Effect = Effect.Allow, Action = KeyTableSchema.ServerActions.Select(action => (Value<string>)action).ToArray(), Resource = new[] { table.Arn } },
                            ],
                    },
                },
            ],
            Tags = HttpServiceTemplate.StackNameTags(),
        });
        var profile = template.Add(new InstanceProfile("InstanceProfile") { Roles = new[] { role.RoleName } });
        return new KeyStore(table, role, profile);
    }

    // ForAllValues: every attribute the put names is in the list (PutItem always names the hash key, so the set is never
    // empty and the operator never holds vacuously).
    private static ObjectExpression OnlyServerAttributes()
    {
        var attributes = new ObjectExpression { ["dynamodb:Attributes"] = ((ValueList<string>)KeyTableSchema.ServerAttributes.Select(name => (Value<string>)name).ToArray()).Expression };
        return new ObjectExpression { ["ForAllValues:StringEquals"] = attributes };
    }

    /// <summary>
    /// Lets the servers call one read-only <paramref name="action"/> that takes no resource-level permission (the
    /// Service Authorization Reference lists no resource type for it, so IAM needs "*").
    /// </summary>
    public void AllowReading(string action, string policyName) =>
        Role.Policies =
        [
            .. Role.Policies ?? [],
            new Policy
            {
                PolicyName = policyName,
                PolicyDocument = new PolicyDocument
                {
                    Version = PolicyDocument.CurrentVersion,
                    Statement = [new PolicyStatement { Effect = Effect.Allow, Action = new Value<string>[] { action }, Resource = new Value<string>[] { "*" } }],
                },
            },
        ];

    /// <summary>
    /// Adds outputs <c>KeyTable</c>, the table's name, <c>SshKeyLifetimeHours</c>, the lifetime of keys added without
    /// one, and <c>KeyApproval</c>: the key cmdlets look them up.
    /// </summary>
    public void AddOutput(Template template, int sshKeyLifetimeHours, bool keyApproval)
    {
        template.Add(new Output(HttpServiceNames.KeyTableOutput, Table.TableName)
        {
            Description = "The DynamoDB table of the SSH keys every server accepts (Add-HttpServiceSshKey writes it).",
        });
        template.Add(new Output(HttpServiceNames.SshKeyLifetimeOutput, sshKeyLifetimeHours.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Description = "Hours an SSH key added without a lifetime lets its holder in; 0: such keys never expire.",
        });
        template.Add(new Output(HttpServiceNames.KeyApprovalOutput, keyApproval ? "true" : "false")
        {
            Description = "Whether SSH keys wait for an approver (Approve-HttpServiceSshKey) before they reach the servers.",
        });
    }
}
