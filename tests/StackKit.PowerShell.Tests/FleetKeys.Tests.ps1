<#
    The key cmdlets and the servers' fleet mode together: the stack's key table on moto, and the Release build of
    StackKit.Server started as the instances would run it, each with its own ~/.ssh, syncing from that table.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $serverDll = Join-Path $PSScriptRoot '../../src/StackKit.Server/bin/Release/net10.0/StackKit.Server.dll'
    if (-not (Test-Path $serverDll)) { throw "No Release build of the server at $serverDll; run 'dotnet build StackKit.slnx -c Release' first." }
    $moto = Start-MotoServer
    Set-MotoEnvironment
    $PSDefaultParameterValues['*-HttpService*:EndpointUrl'] = $moto.Endpoint
    $servers = [System.Collections.Generic.List[object]]::new()

    function Start-FleetServer([string] $Table, [switch] $KeyApproval) {
        $folder = Join-Path $TestDrive "server-$($servers.Count + 1)"
        $ssh = Join-Path $folder '.ssh'
        install -d -m 700 $ssh
        $port = Get-FreeLoopbackPort
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in $serverDll, '--urls', "http://127.0.0.1:$port") { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $settings = @{
            KeyInjection__SshDirectory        = $ssh
            KeyInjection__Username            = 'deploy'
            KeyInjection__Password            = 'fleet-test-password'
            KeyInjection__Fleet__TableName    = $Table
            KeyInjection__Fleet__SyncInterval = '00:00:01'
            AWS_REGION                        = 'us-east-1'
            AWS_ENDPOINT_URL_DYNAMODB         = $moto.Endpoint
        }
        if ($KeyApproval) { $settings['KeyInjection__Fleet__KeyApproval'] = 'true' }
        foreach ($name in $settings.Keys) { $start.Environment[$name] = $settings[$name] }
        $process = [System.Diagnostics.Process]::Start($start)
        # Drain the output so the server never blocks on a full pipe.
        $process.BeginOutputReadLine()
        $process.BeginErrorReadLine()
        $server = [pscustomobject]@{ Process = $process; AuthorizedKeys = Join-Path $ssh 'authorized_keys'; Url = "http://127.0.0.1:$port" }
        $servers.Add($server)
        Wait-HttpReady -Url "http://127.0.0.1:$port/" -Process $process -Name "server $($servers.Count)"
        $server
    }

    # What sshd reads: authorized_keys and, for OpenSSH 10, the files of authorized_keys.d (dotfiles skipped).
    function Get-KeyLine($Server) {
        $files = @($Server.AuthorizedKeys) + @(Get-ChildItem -Path "$($Server.AuthorizedKeys).d" -File -ErrorAction SilentlyContinue | ForEach-Object FullName)
        $files | Where-Object { Test-Path $_ } | ForEach-Object { Get-Content $_ }
    }

    # Whether a server's lines hold the key: as written, or after the options the server gives it (restrict,pty,expiry-time).
    function Test-KeyLine([string[]] $Lines, [string] $Key) {
        @($Lines | Where-Object { "$_" -ceq $Key -or "$_".EndsWith(" $Key", [StringComparison]::Ordinal) }).Count -gt 0
    }

    # Polls until every server passes the test or 15 s (the issue's bound) have passed; returns the time taken.
    function Wait-AllServers([object[]] $On, [scriptblock] $Until) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        while ($clock.Elapsed.TotalSeconds -lt 15) {
            if (@($On | Where-Object { -not (& $Until (Get-KeyLine $_)) }).Count -eq 0) { return $clock.Elapsed }
            Start-Sleep -Milliseconds 200
        }
        throw "Not every server got there within 15 s: $(@($On | ForEach-Object { (Get-KeyLine $_) -join ' | ' }) -join ' || ')"
    }

    function New-TestKey([string] $Comment) {
        $file = Join-Path $TestDrive "key-$([guid]::NewGuid().ToString('N'))"
        ssh-keygen -q -t ed25519 -N '' -C $Comment -f $file | Out-Null
        (Get-Content -Raw "$file.pub").TrimEnd("`n")
    }
}

AfterAll {
    foreach ($server in $servers) {
        if (-not $server.Process.HasExited) { $server.Process.Kill($true); $server.Process.WaitForExit() }
    }
    $PSDefaultParameterValues.Remove('*-HttpService*:EndpointUrl')
    Stop-MotoServer $moto
}

Describe 'Keys for the whole fleet' {
    BeforeAll {
        Reset-MotoServer $moto
        $table = (New-HttpServiceStack -StackName fleet -NoSshAccess -WarningAction SilentlyContinue).Outputs['KeyTable']
        $first = 1..3 | ForEach-Object { Start-FleetServer $table }
        # A line no server wrote (the EC2 key pair's, say), on one of them.
        $foreign = New-TestKey 'key-pair'
        Add-Content -Path $first[0].AuthorizedKeys -Value $foreign
        $alice = New-TestKey 'alice'
    }

    It 'Add-HttpServiceSshKey reaches three running servers and a fourth started later' {
        Add-HttpServiceSshKey -StackName fleet -PublicKey $alice
        $took = Wait-AllServers -On $first -Until { param($lines) Test-KeyLine $lines $alice }
        Write-Host "  the key reached 3 servers in $([int]$took.TotalMilliseconds) ms"
        $fourth = Start-FleetServer $table
        Wait-AllServers -On $fourth -Until { param($lines) Test-KeyLine $lines $alice } | Out-Null
        # The stack's default lifetime (12 hours) and no forwarding: sshd itself enforces both.
        Get-KeyLine $fourth | Where-Object { "$_".EndsWith(" $alice", [StringComparison]::Ordinal) } | Should -Match '^restrict,pty,expiry-time="\d{14}Z" '
    }

    It 'Remove-HttpServiceSshKey locks the key out everywhere and leaves foreign lines alone' {
        Get-HttpServiceSshKey -StackName fleet | Where-Object Comment -EQ 'alice' | Remove-HttpServiceSshKey -Force
        Wait-AllServers -On $servers -Until { param($lines) -not (Test-KeyLine $lines $alice) } | Out-Null
        Get-KeyLine $first[0] | Should -Contain $foreign
    }
}

Describe 'Keys that wait for approval (-KeyApproval)' {
    BeforeAll {
        Reset-MotoServer $moto
        $table = (New-HttpServiceStack -StackName gated -NoSshAccess -KeyApproval -WarningAction SilentlyContinue).Outputs['KeyTable']
        $gated = 1..3 | ForEach-Object { Start-FleetServer $table -KeyApproval }

        # The original README's request: the service password, and the key line in base64.
        function Send-Key($Server, [string] $Key) {
            $auth = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('deploy:fleet-test-password'))
            $body = @{ ssh_public_key = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Key)) } | ConvertTo-Json
            Invoke-WebRequest -Uri "$($Server.Url)/add_public_key" -Method Post -Body $body -ContentType 'application/json' -Headers @{ Authorization = "Basic $auth" } -UseBasicParsing
        }
        $bob = New-TestKey 'bob'
        $mallory = New-TestKey 'mallory'
    }

    It 'a POSTed key answers 202 and waits, pending, on no server' {
        $answer = Send-Key $gated[0] $bob
        $answer.StatusCode | Should -Be 202
        $answer.Content | Should -Match 'pending approval'
        (Send-Key $gated[1] $mallory).StatusCode | Should -Be 202

        $pending = Get-HttpServiceSshKey -StackName gated -Pending
        $pending.Comment | Sort-Object | Should -Be @('bob', 'mallory')
        $pending.State | Should -Be @('Pending', 'Pending')
        $pending.AddedBy | Should -Be @('http:127.0.0.1', 'http:127.0.0.1')
        # Three sync intervals of 1 s: had a server applied it, its line would be there.
        Start-Sleep -Seconds 3
        $gated | ForEach-Object { Test-KeyLine (Get-KeyLine $_) $bob | Should -BeFalse }
    }

    It 'Approve-HttpServiceSshKey -WhatIf approves nothing' {
        Get-HttpServiceSshKey -StackName gated -Pending | Where-Object Comment -EQ 'bob' | Approve-HttpServiceSshKey -WhatIf
        (Get-HttpServiceSshKey -StackName gated | Where-Object Comment -EQ 'bob').State | Should -Be 'Pending'
    }

    It 'Approve-HttpServiceSshKey lets the key in on all three servers within 15 s, recording the approver' {
        $approved = Get-HttpServiceSshKey -StackName gated -Pending | Where-Object Comment -EQ 'bob' | Approve-HttpServiceSshKey -Force
        $approved.State | Should -Be 'Approved'
        $approved.ApprovedBy | Should -Match '^arn:aws:(iam|sts)::\d{12}:'
        $took = Wait-AllServers -On $gated -Until { param($lines) Test-KeyLine $lines $bob }
        Write-Host "  the approved key reached 3 servers in $([int]$took.TotalMilliseconds) ms"
    }

    It 'Deny-HttpServiceSshKey deletes the pending key, which never reaches a server' {
        Get-HttpServiceSshKey -StackName gated -Pending | Deny-HttpServiceSshKey -Force
        Get-HttpServiceSshKey -StackName gated | ForEach-Object Comment | Should -Be @('bob')
        Start-Sleep -Seconds 3
        $gated | ForEach-Object { Test-KeyLine (Get-KeyLine $_) $mallory | Should -BeFalse }
    }

    It 'Deny-HttpServiceSshKey leaves an approved key alone, with a warning' {
        $fingerprint = (Get-HttpServiceSshKey -StackName gated | Where-Object Comment -EQ 'bob').Fingerprint
        Deny-HttpServiceSshKey -StackName gated -Fingerprint $fingerprint -Force -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'approved, not pending'
        (Get-HttpServiceSshKey -StackName gated | Where-Object Comment -EQ 'bob').State | Should -Be 'Approved'
    }
}
