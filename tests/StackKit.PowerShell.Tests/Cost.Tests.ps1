<#
    Get-HttpServiceStack -Cost and the cost lines of Update-HttpServiceStack -WhatIf, end to end through the module. moto has no Price List, so a small endpoint on loopback
    answers CloudFormation and Auto Scaling in botocore's shapes and GetProducts in the Price List's (a JSON 1.1 call
    whose PriceList is a list of product documents as strings), with AWS's us-east-1 prices of late 2026.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Set-LoopbackOnlyNetwork
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    Set-MotoEnvironment
    # Prices are kept on disk for a day: here, in a folder of this test's own.
    $savedCache = $env:XDG_CACHE_HOME
    $env:XDG_CACHE_HOME = Join-Path ([IO.Path]::GetTempPath()) "stackkit-cost-$([guid]::NewGuid().ToString('N'))"

    $ns = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'
    $stackId = 'arn:aws:cloudformation:us-east-1:123456789012:stack/web/6a1e3f00-0000-4000-8000-000000000001'
    $template = [System.Security.SecurityElement]::Escape((Get-Content -Raw (Join-Path $PSScriptRoot '../../templates/http-service.json')))
    $answers = @{
        DescribeStacks            = "<Stacks><member><StackId>$stackId</StackId><StackName>web</StackName><CreationTime>2026-12-01T09:00:00.000Z</CreationTime>" +
            '<StackStatus>CREATE_COMPLETE</StackStatus><Parameters><member><ParameterKey>InstanceType</ParameterKey><ParameterValue>t3.micro</ParameterValue></member>' +
            '<member><ParameterKey>DockerImage</ParameterKey><ParameterValue>registry.example.test/web:1</ParameterValue></member></Parameters>' +
            '<Outputs><member><OutputKey>AutoScalingGroupName</OutputKey><OutputValue>web-Group-1A2B</OutputValue></member></Outputs>' +
            '<Tags><member><Key>stackkit:managed-by</Key><Value>StackKit</Value></member></Tags></member></Stacks>'
        GetTemplate               = "<TemplateBody>$template</TemplateBody>"
        CreateChangeSet           = "<Id>arn:aws:cloudformation:us-east-1:123456789012:changeSet/stackkit-preview-1/0f0e0d0c</Id><StackId>$stackId</StackId>"
        DescribeChangeSet         = '<ChangeSetId>arn:aws:cloudformation:us-east-1:123456789012:changeSet/stackkit-preview-1/0f0e0d0c</ChangeSetId><Status>CREATE_COMPLETE</Status>' +
            '<ExecutionStatus>AVAILABLE</ExecutionStatus><Changes><member><Type>Resource</Type><ResourceChange><Action>Modify</Action><LogicalResourceId>LaunchTemplate</LogicalResourceId>' +
            '<ResourceType>AWS::EC2::LaunchTemplate</ResourceType><Replacement>False</Replacement></ResourceChange></member></Changes>'
        DeleteChangeSet           = ''
        DescribeAutoScalingGroups = '<AutoScalingGroups><member><AutoScalingGroupName>web-Group-1A2B</AutoScalingGroupName><MinSize>1</MinSize><MaxSize>5</MaxSize>' +
            '<DesiredCapacity>2</DesiredCapacity><Instances /><LoadBalancerNames /><TargetGroupARNs /></member></AutoScalingGroups>'
    }
    # service code, usage type, unit, USD: what the default template is charged for, as GetProducts names it.
    $prices = @(
        @('AmazonEC2', 'BoxUsage:t3.micro', 'Hrs', '0.0104'), @('AmazonEC2', 'BoxUsage:t3.small', 'Hrs', '0.0208'), @('AmazonEC2', 'EBS:VolumeUsage.gp3', 'GB-Mo', '0.08'),
        @('AWSELB', 'LoadBalancerUsage', 'Hrs', '0.025'), @('AWSELB', 'DataProcessing-Bytes', 'GB', '0.008'),
        @('AmazonVPC', 'PublicIPv4:InUseAddress', 'Hrs', '0.005'), @('AmazonCloudWatch', 'CW:AlarmMonitorUsage', 'Alarms', '0.10'),
        @('AmazonCloudWatch', 'DataProcessing-Bytes', 'GB', '0.50'), @('AmazonCloudWatch', 'TimedStorage-ByteHrs', 'GB-Mo', '0.03'),
        @('AmazonDynamoDB', 'ReadRequestUnits', 'ReadRequestUnits', '0.000000125'), @('AmazonDynamoDB', 'WriteRequestUnits', 'WriteRequestUnits', '0.000000625')
    )
    $products = @{}
    foreach ($price in $prices) {
        $sku = "SKU$($products.Count)"
        $document = @{
            product     = @{ productFamily = 'x'; sku = $sku; attributes = @{ usagetype = $price[1]; regionCode = 'us-east-1'; servicecode = $price[0] } }
            serviceCode = $price[0]
            terms       = @{ OnDemand = @{ "$sku.JRTCKXETXF" = @{ sku = $sku; offerTermCode = 'JRTCKXETXF'; priceDimensions = @{
                "$sku.JRTCKXETXF.6YS6EN2CT7" = @{ unit = $price[2]; beginRange = '0'; endRange = 'Inf'; pricePerUnit = @{ USD = $price[3] } } } } } }
        } | ConvertTo-Json -Depth 10 -Compress
        $products[$price[0]] = @($products[$price[0]]) + $document | Where-Object { $_ }
    }

    $probe = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()
    $calls = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
    $server = [powershell]::Create().AddScript({
        param($listener, $answers, $ns, $calls, $products)
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $body = [System.IO.StreamReader]::new($context.Request.InputStream).ReadToEnd()
            $target = $context.Request.Headers['X-Amz-Target']
            if ($target) {
                # The Price List: this endpoint filters by service code alone; StackKit picks by usage type and unit.
                $calls.Enqueue($target)
                $serviceCode = ($body | ConvertFrom-Json).ServiceCode
                $answer = @{ FormatVersion = 'aws_v1'; PriceList = @($products[$serviceCode]) } | ConvertTo-Json -Depth 3 -Compress
                $context.Response.ContentType = 'application/x-amz-json-1.1'
            }
            else {
                $action = [uri]::UnescapeDataString((($body -split '&' | Where-Object { $_ -like 'Action=*' }) -replace '^Action=', ''))
                $calls.Enqueue($action)
                $answer = "<$($action)Response xmlns=`"$ns`"><$($action)Result>$($answers[$action])</$($action)Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></$($action)Response>"
                $context.Response.ContentType = 'text/xml'
            }
            $bytes = [System.Text.Encoding]::UTF8.GetBytes($answer)
            $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $context.Response.Close()
        }
    }).AddArgument($listener).AddArgument($answers).AddArgument($ns).AddArgument($calls).AddArgument($products)
    $running = $server.BeginInvoke()
    $PSDefaultParameterValues['*-HttpServiceStack:EndpointUrl'] = "http://127.0.0.1:$port/"
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-HttpServiceStack:EndpointUrl')
    $listener.Stop()
    $null = $running.AsyncWaitHandle.WaitOne(5000)
    $server.Dispose()
    $listener.Close()
    Remove-Item -Recurse -Force $env:XDG_CACHE_HOME -ErrorAction SilentlyContinue
    $env:XDG_CACHE_HOME = $savedCache
    Restore-LocalEnvironment
}

Describe 'Cost' {
    BeforeEach { $calls.Clear() }

    It 'Get-HttpServiceStack -Cost writes each line with its assumption, and totals that are the sum of the prices at 1, 2 and 5 servers' {
        $result = Get-HttpServiceStack web -Cost -WarningVariable warnings

        $result | Should -BeOfType StackKit.PowerShell.Output.CostEstimateInfo
        $warnings | Should -HaveCount 0
        $result.MissingPrices | Should -HaveCount 0
        ($result.MinServers, $result.CurrentServers, $result.MaxServers) | Should -Be @(1, 2, 5)
        # Per server: the instance, its volume, its address, its logs (ingested and kept 14 days), its key table reads.
        $perServer = [decimal]0.0104 * 730 + [decimal]0.08 * 30 + [decimal]0.005 * 730 + [decimal]0.50 + [decimal]0.03 * 14 / 30 + [decimal]0.000000125 * 262800
        # Whatever the servers: the load balancer's hours, 10 GiB through it, its two addresses, 4 alarms, 100 key writes.
        $fixed = [decimal]0.025 * 730 + [decimal]0.008 * 10 + [decimal]0.005 * 730 * 2 + [decimal]0.10 * 4 + [decimal]0.000000625 * 100
        $result.MonthlyAtMin | Should -Be ($fixed + $perServer)
        $result.MonthlyAtCurrent | Should -Be ($fixed + 2 * $perServer)
        $result.MonthlyAtMax | Should -Be ($fixed + 5 * $perServer)
        $result.Lines | Should -HaveCount 11
        $result.Lines[0].ToString() | Should -Be 'EC2 instances (t3.micro, Linux, on demand): $7.59 / $15.18 / $37.96 (730 h a server; a burstable type''s CPU within its baseline)'

        $shown = $result | Out-String -Width 250
        $shown | Should -Match 'Monthly\s+: \$\d+\.\d\d / \$\d+\.\d\d / \$\d+\.\d\d'
        $shown | Should -Match ([regex]::Escape('Classic Load Balancer data processed: $0.08 / $0.08 / $0.08 (10 GiB of traffic a month)'))
    }

    It 'a second estimate within the day reads the prices from disk: no Price List call' {
        Get-HttpServiceStack web -Cost | Out-Null

        @($calls) | Should -Not -Contain 'AWSPriceListService.GetProducts'
        @($calls) | Should -Contain 'GetTemplate'
    }

    It 'Update-HttpServiceStack -WhatIf with a new instance type shows the cost today, after, and the difference' {
        Update-HttpServiceStack web -InstanceType t3.small -WhatIf -InformationVariable lines -WarningVariable warnings 6>$null

        $shown = @($lines.MessageData.Message)
        $warnings | Should -HaveCount 0
        # (0.0208 - 0.0104) USD an hour, 730 hours, at 1, 2 and 5 servers.
        ($shown -cmatch '^What if: Cost a month: ') | Should -Match ([regex]::Escape('(+$7.59) at 1 server, ') + '.*' + [regex]::Escape('(+$15.18) at 2 servers now, ') + '.*' + [regex]::Escape('(+$37.96) at 5 servers'))
        $shown | Should -Contain 'What if:   EC2 instances (t3.small, Linux, on demand): $15.18 / $30.37 / $75.92 (730 h a server; a burstable type''s CPU within its baseline)'
        $shown | Should -Contain 'What if:   Classic Load Balancer: $18.25 / $18.25 / $18.25 (730 h)'
    }

    It '-Cost takes no -Drift' {
        { Get-HttpServiceStack web -Cost -Drift } | Should -Throw -ErrorId 'AmbiguousParameterSet,StackKit.PowerShell.Cmdlets.GetHttpServiceStackCommand'
        @($calls).Count | Should -Be 0
    }
}
