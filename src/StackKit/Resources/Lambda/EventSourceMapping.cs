using StackKit.Templates;

namespace StackKit.Resources.Lambda;

/// <summary>Lambda's poller of a stream or queue, invoking a function with batches of its records. (<c>AWS::Lambda::EventSourceMapping</c>)</summary>
public sealed class EventSourceMapping : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::Lambda::EventSourceMapping";

    /// <summary>An EventSourceMapping with this logical id.</summary>
    public EventSourceMapping(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The stream's or queue's ARN.</summary>
    public Value<string>? EventSourceArn { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The function's name or ARN.</summary>
    public Value<string>? FunctionName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Where in a stream reading starts: <c>TRIM_HORIZON</c> (the oldest record kept) or <c>LATEST</c>.</summary>
    public Value<string>? StartingPosition { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The most records in one invocation.</summary>
    public Value<int>? BatchSize { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Whether a failed batch is split in two and each half retried.</summary>
    public Value<bool>? BisectBatchOnFunctionError { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>How often a failed batch is retried (-1: until its records expire).</summary>
    public Value<int>? MaximumRetryAttempts { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }
}
