using StackKit.Keys;
using StackKit.Resources.CloudWatch;
using StackKit.Resources.DynamoDB;
using StackKit.Resources.Iam;
using StackKit.Resources.Lambda;
using StackKit.Resources.Logs;
using StackKit.Resources.Sns;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.HttpService;

/// <summary>
/// The key table's audit trail and alerts: the table's stream feeds a small function (<c>KeyAudit.py</c>) that writes
/// one JSON line per change to a log group only it writes, and with a topic sends one notice per change. Whoever
/// writes the table, and however, the stream records it; the function's role reads that stream, writes that group and
/// publishes to that topic, nothing else (docs/templates.md "Key alerts and audit").
/// </summary>
internal static class KeyAudit
{
    /// <summary>The audit log group's logical id.</summary>
    public const string LogGroupLogicalId = "KeyAuditLogGroup";

    /// <summary>Days the audit lines are kept: a year, as audit trails usually are.</summary>
    public const int RetentionDays = 365;

    /// <summary>What the server logs when it answers 429 to a client that failed its password too often (ServerLog's event 6).</summary>
    public const string RefusedPasswordPhrase = "with 429: too many failed authentications";

    /// <summary>The function's source, with the key table's attribute names filled in from <see cref="KeyTableSchema"/>.</summary>
    public static string Source { get; } = ReadSource();

    public static LogGroup Add(Template template, KeyStore keyStore, Topic? topic)
    {
        keyStore.Table.StreamSpecification = new StreamSpecification { StreamViewType = StreamViewType.NewAndOldImages };
        var group = template.Add(new LogGroup(LogGroupLogicalId) { RetentionInDays = RetentionDays, Tags = HttpServiceTemplate.StackNameTags() });
        group.DeletionPolicy = DeletionPolicy.Delete;
        group.UpdateReplacePolicy = DeletionPolicy.Delete;

        var streams = Fn.Sub("${Table}/stream/*", [new("Table", keyStore.Table.Arn)]);
        Value<string>[] streamActions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];
        List<PolicyStatement> statements =
        [
            new() { Effect = Effect.Allow, Action = streamActions, Resource = new[] { streams } },
            new() { Effect = Effect.Allow, Action = new Value<string>[] { "logs:CreateLogStream", "logs:PutLogEvents" }, Resource = new[] { group.Arn } },
        ];
        if (topic is not null)
        {
            statements.Add(new() { Effect = Effect.Allow, Action = new Value<string>[] { "sns:Publish" }, Resource = new[] { topic.TopicArn } });
        }
        var role = template.Add(new Role("KeyAuditRole")
        {
            Description = "SSH key audit: read the key table's stream, write its log group, publish to the stack's topic.",
            AssumeRolePolicyDocument = new PolicyDocument
            {
                Version = PolicyDocument.CurrentVersion,
                Statement = [new PolicyStatement { Effect = Effect.Allow, Principal = new PolicyPrincipal { Service = new Value<string>[] { "lambda.amazonaws.com" } }, Action = new Value<string>[] { "sts:AssumeRole" } }],
            },
            Policies = [new Policy { PolicyName = "KeyAudit", PolicyDocument = new PolicyDocument { Version = PolicyDocument.CurrentVersion, Statement = statements } }],
            Tags = HttpServiceTemplate.StackNameTags(),
        });

        var variables = new ObjectExpression { ["STACK_NAME"] = Pseudo.StackName.Expression };
        if (topic is not null)
        {
            variables["TOPIC_ARN"] = topic.TopicArn.Expression;
        }
        var function = template.Add(new LambdaFunction("KeyAuditFunction")
        {
            Runtime = "python3.13",
            Handler = "index.handler",
            Code = new FunctionCode { ZipFile = Source },
            Role = role.Arn,
            Architectures = new Value<string>[] { "arm64" },
            MemorySize = 128,
            Timeout = 30,
            Environment = new FunctionEnvironment { Variables = variables },
            LoggingConfig = new LoggingConfig { LogGroup = group.LogGroupName, LogFormat = "Text" },
            Tags = HttpServiceTemplate.StackNameTags(),
        });
        // From the oldest record the stream keeps, so nothing written while the mapping starts is missed. A batch that
        // fails is split and retried; a record still failing after ten tries is dropped rather than stopping the trail.
        template.Add(new EventSourceMapping("KeyAuditEvents")
        {
            EventSourceArn = keyStore.Table.StreamArn,
            FunctionName = function.FunctionName,
            StartingPosition = "TRIM_HORIZON",
            BatchSize = 100,
            BisectBatchOnFunctionError = true,
            MaximumRetryAttempts = 10,
            Tags = HttpServiceTemplate.StackNameTags(),
        });
        return group;
    }

    /// <summary>Adds output <c>KeyAuditLog</c>, the audit log group's name: Get-HttpServiceSshKey -History reads it.</summary>
    public static void AddOutput(Template template, LogGroup group) =>
        template.Add(new Output(HttpServiceNames.KeyAuditLogOutput, group.LogGroupName) { Description = "The SSH key audit trail's log group." });

    /// <summary>
    /// One notice per burst of refused password attempts: the servers' 429 lines in the stack's log group, counted each
    /// minute; the alarm notifies when it goes into ALARM and stays there, silent, while the burst goes on.
    /// </summary>
    public static void AddRefusedPasswordAlarm(Template template, LogGroup serverLogs, Topic topic)
    {
        var metricNamespace = Fn.Sub("StackKit/${AWS::StackName}");
        const string metric = "RefusedPasswordAttempts";
        template.Add(new MetricFilter("RefusedPasswordFilter")
        {
            LogGroupName = serverLogs.LogGroupName,
            FilterPattern = "\"" + RefusedPasswordPhrase + "\"",
            MetricTransformations = [new MetricTransformation { MetricNamespace = metricNamespace, MetricName = metric, MetricValue = "1" }],
        });
        template.Add(new Alarm("RefusedPasswordAlarm")
        {
            AlarmDescription = "A server refused a client that failed the service password too often (429).",
            Namespace = metricNamespace,
            MetricName = metric,
            Statistic = Statistic.Sum,
            Period = 60,
            EvaluationPeriods = 1,
            Threshold = 0,
            ComparisonOperator = ComparisonOperator.GreaterThanThreshold,
            TreatMissingData = TreatMissingData.NotBreaching,
            AlarmActions = new Value<string>[] { topic.TopicArn },
            Tags = HttpServiceTemplate.StackNameTags(),
        });
    }

    private static string ReadSource()
    {
        using var stream = typeof(KeyAudit).Assembly.GetManifestResourceStream("StackKit.HttpService.KeyAudit.py")
            ?? throw new InvalidOperationException("The key audit function's source is not in the assembly.");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        foreach (var name in new[] { KeyTableSchema.Fingerprint, KeyTableSchema.Type, KeyTableSchema.Comment, KeyTableSchema.AddedBy, KeyTableSchema.ExpiresAt, KeyTableSchema.ApprovedBy, KeyTableSchema.Lifetime, KeyTableSchema.RemovedBy, KeyTableSchema.RemovedAt })
        {
            source = source.Replace("@@" + name + "@@", name);
        }
        return source;
    }
}
