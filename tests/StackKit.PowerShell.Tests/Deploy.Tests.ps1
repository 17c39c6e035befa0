BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    # Shaped like an AWS access key id (AKIA + 16), but not one: nothing in these tests reaches AWS.
    $script:awsShapedKey = 'AKIA2STACKKITTEST234'
    function Get-DeployTarget([hashtable] $Environment, [switch] $Local) {
        $call = if ($Local) { 'Resolve-DeployTarget -Local' } else { 'Resolve-DeployTarget' }
        $json = Invoke-ChildPwsh "Import-Module ./StackKit.psd1; Import-Module ./scripts/DeployTarget.psm1; $call | ConvertTo-Json -Compress" $Environment
        $json | ConvertFrom-Json
    }
}

Describe 'Where the main job deploys (Resolve-DeployTarget)' {
    BeforeAll {
        $script:emptyHome = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty-home')).FullName
    }

    It 'goes local when the credential chain finds nothing' {
        $target = Get-DeployTarget @{ HOME = $emptyHome }
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike '*found no credentials*'
    }

    It "goes local with moto's placeholder keys (AWS_ACCESS_KEY_ID=testing), naming the key" {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing' }
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike "*placeholder access key 'testing'*"
    }

    It "goes local with AWS's documented example key" {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'; AWS_SECRET_ACCESS_KEY = 'x' }
        $target.Target | Should -Be 'Local'
    }

    It 'goes local when a local endpoint is set, even with real-looking credentials, and names the variable' {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x'; AWS_ENDPOINT_URL = 'http://127.0.0.1:4566' }
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike '*AWS_ENDPOINT_URL is set (http://127.0.0.1:4566)*'
        $service = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x'; AWS_ENDPOINT_URL_CLOUDFORMATION = 'http://127.0.0.1:4566' }
        $service.Reason | Should -BeLike '*AWS_ENDPOINT_URL_CLOUDFORMATION is set*'
    }

    It 'goes local when the profile in use sets endpoint_url, and names the profile' {
        $configHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'endpoint-home')
        New-Item -ItemType Directory -Path (Join-Path $configHome '.aws') | Out-Null
        Set-Content -Path (Join-Path $configHome '.aws/config') -Value "[profile dev]`nendpoint_url = http://127.0.0.1:4566"
        $target = Get-DeployTarget @{ HOME = $configHome.FullName; AWS_PROFILE = 'dev'; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x' }
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike "*profile 'dev' sets endpoint_url (http://127.0.0.1:4566*"
    }

    It 'an empty AWS_ENDPOINT_URL sets no endpoint, as the SDK reads it' {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x'; AWS_ENDPOINT_URL = '' }
        $target.Target | Should -Be 'AWS'
    }

    It 'goes to AWS when the environment holds an AWS access key id, showing only its ends' {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x' }
        $target.Target | Should -Be 'AWS'
        $target.Reason | Should -BeLike '*found access key AKIA...T234 (EnvironmentVariablesAWSCredentials)*'
        $target.Reason | Should -Not -BeLike "*$awsShapedKey*"
    }

    It 'goes to AWS when the default profile of ~/.aws/credentials holds an AWS access key id' {
        $profileHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'profile-home')
        New-Item -ItemType Directory -Path (Join-Path $profileHome '.aws') | Out-Null
        Set-Content -Path (Join-Path $profileHome '.aws/credentials') -Value "[default]`naws_access_key_id = $awsShapedKey`naws_secret_access_key = x"
        $target = Get-DeployTarget @{ HOME = $profileHome.FullName }
        $target.Target | Should -Be 'AWS'
    }

    It '-Local forces moto whatever the credentials' {
        $target = Get-DeployTarget @{ HOME = $emptyHome; AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x' } -Local
        $target.Target | Should -Be 'Local'
        $target.Reason | Should -BeLike '*-Local was given*'
    }
}

Describe 'The main job (scripts/deploy.sh)' {
    It 'with AWS-shaped credentials, says first that it deploys to AWS and why (here only -WhatIf: nothing is sent)' {
        $output = @(Invoke-ChildPwsh '& ./scripts/Deploy-HttpService.ps1 -Region eu-west-1 -SshKeyName k -WhatIf *>&1 | Out-String -Stream -Width 300' @{
                AWS_ACCESS_KEY_ID = $awsShapedKey; AWS_SECRET_ACCESS_KEY = 'x'; HOME = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'aws-home')).FullName
            }) | Where-Object { $_.Trim() }
        $output[0] | Should -BeLike 'Deploying to AWS: the AWS credential chain found access key AKIA...T234*'
        ($output -join "`n") | Should -BeLike '*What if: Performing the operation "Create the HTTP service stack*in eu-west-1*'
    }

    It '--local forces moto even with AWS-shaped credentials: the first line says so, then deploy, status, key, clean-up' {
        $emptyHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home')
        $before = @(Get-Process moto_server -ErrorAction SilentlyContinue).Id
        $lines = @(& env -i "HOME=$emptyHome" "DOTNET_CLI_HOME=$HOME" "PATH=$env:PATH" "NUGET_PACKAGES=$(if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' })" `
                'DOTNET_NOLOGO=1' 'AWS_EC2_METADATA_DISABLED=true' "AWS_ACCESS_KEY_ID=$awsShapedKey" 'AWS_SECRET_ACCESS_KEY=x' `
                bash (Join-Path $PSScriptRoot '../../scripts/deploy.sh') --local 2>&1)
        $output = $lines -join "`n"

        $lines[0] | Should -Be 'Deploying to a local moto_server: -Local was given.'
        $output | Should -Match 'Status: CREATE_COMPLETE\s+URL: http://\S+\.elb\.amazonaws\.com'
        $output | Should -BeLike '*GET / -> Hi*'
        $output | Should -Match "Key successfully saved:\s+ssh-ed25519 AAAA\S+ stackkit-demo"
        $output | Should -BeLike '*Done on loopback*'
        $output | Should -Not -Match '\x1b\[' -Because 'output to a pipe or a file is plain text, without colour codes'
        # It stops what it started: no moto_server is left behind. Other test runs may start their own meanwhile; a
        # leftover of this one would be an orphan, its parent (the deploy's pwsh) gone.
        @(Get-Process moto_server -ErrorAction SilentlyContinue | Where-Object { $_.Id -notin $before -and -not $_.Parent }).Count | Should -Be 0
    }
}

Describe 'The main job is a user''s tool' {
    BeforeAll {
        $script:repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $script:serverPackages = 'openssh-server', 'nginx', 'docker-registry', 'wrk'
        # A machine where no Debian package is installed (dpkg knows none) and apt-get only writes down what it was
        # asked to install: what the scripts would install, without installing or removing anything here.
        $script:fakeTools = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'fake-tools')).FullName
        $script:aptLog = Join-Path $TestDrive 'apt-get.log'
        Set-Content (Join-Path $fakeTools 'dpkg') "#!/bin/sh`nexit 1"
        Set-Content (Join-Path $fakeTools 'apt-get') "#!/bin/sh`necho ""`$*"" >> '$aptLog'`n[ ""`$1"" = update ] || exit 100"
        Set-Content (Join-Path $fakeTools 'sudo') "#!/bin/sh`nexec ""`$@"""
        chmod +x (Join-Path $fakeTools 'dpkg') (Join-Path $fakeTools 'apt-get') (Join-Path $fakeTools 'sudo')
    }

    It '--help prints the usage and exits 0, without preparing or building anything' {
        $output = bash (Join-Path $repo 'scripts/deploy.sh') --help 2>&1
        $LASTEXITCODE | Should -Be 0
        ($output -join "`n") | Should -BeLike 'Usage: scripts/deploy.sh*'
        foreach ($option in '--local', '--yes', '--ssh-cidr CIDR', '--ssh-from-here') { ($output -join "`n") | Should -BeLike "*$option*" }
    }

    It 'the deploy part of the prerequisites installs no server; the test part does' {
        $deploy = & env "PATH=${fakeTools}:$env:PATH" bash (Join-Path $repo 'scripts/prerequisites.sh') deploy --dry-run
        $LASTEXITCODE | Should -Be 0
        $deploy | Should -Be 'openssh-client', 'curl'
        $test = & env "PATH=${fakeTools}:$env:PATH" bash (Join-Path $repo 'scripts/prerequisites.sh') test --dry-run
        foreach ($package in $serverPackages) { $test | Should -Contain $package }
    }

    It 'deploy.sh --local on a machine without nginx, sshd and docker-registry asks apt for none of them' {
        Remove-Item $aptLog -ErrorAction SilentlyContinue
        $output = & env "PATH=${fakeTools}:$env:PATH" bash (Join-Path $repo 'scripts/deploy.sh') --local 2>&1
        # apt-get (the stand-in) refuses the install, so the job stops before it builds or deploys anything.
        $LASTEXITCODE | Should -Be 1
        ($output -join "`n") | Should -BeLike '*nothing was deployed*'
        $install = @(Get-Content $aptLog | Where-Object { $_ -like 'install *' })
        $install | Should -HaveCount 1
        $asked = -split $install[0] | Where-Object { $_ -notlike '-*' -and $_ -ne 'install' }
        $asked | Should -Be 'openssh-client', 'curl'
    }

    Context 'on the AWS path (AWS-shaped credentials, no endpoint)' {
        BeforeAll {
            # Every HTTP(S) request of the job goes to this loopback listener, which answers none: the test sees
            # whether anything was sent, and nothing can leave the machine.
            $script:proxy = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $proxy.Start()
            $proxyUrl = "http://127.0.0.1:$($proxy.LocalEndpoint.Port)"
            $awsHome = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'aws-path-home')).FullName
            $environment = @(
                "HOME=$awsHome", "DOTNET_CLI_HOME=$HOME", "PATH=$env:PATH", 'DOTNET_NOLOGO=1', 'AWS_EC2_METADATA_DISABLED=true',
                "NUGET_PACKAGES=$(if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' })",
                "AWS_ACCESS_KEY_ID=$awsShapedKey", 'AWS_SECRET_ACCESS_KEY=x', "HTTP_PROXY=$proxyUrl", "HTTPS_PROXY=$proxyUrl",
                # As deploy.sh runs it: without the .NET CLI's and PowerShell's telemetry and update check.
                'DOTNET_CLI_TELEMETRY_OPTOUT=1', 'POWERSHELL_TELEMETRY_OPTOUT=1', 'POWERSHELL_UPDATECHECK=Off')
            Push-Location $repo
            try {
                # stdin from /dev/null: not a terminal.
                $script:output = @(& env -i @environment bash -c 'exec dotnet pwsh -NoProfile -NonInteractive -File scripts/Deploy-HttpService.ps1 -Region eu-west-1 -SshKeyName k -NextStepsFor Bash < /dev/null' 2>&1)
                $script:exitCode = $LASTEXITCODE
            }
            finally {
                Pop-Location
            }
        }
        AfterAll { $proxy.Stop() }

        It 'refuses to create billed resources without --yes when stdin is not a terminal, and sends nothing' {
            $text = $output -join "`n"
            $exitCode | Should -Be 1 -Because $text
            $output[0] | Should -BeLike 'Deploying to AWS:*'
            $text | Should -BeLike '*deploy: This creates billed AWS resources in eu-west-1*no terminal to ask on*--yes*Nothing was created.'
            $proxy.Pending() | Should -BeFalse -Because 'no request may leave for AWS before the user agrees'
        }
    }

    It 'a generated password goes to a 0600 file and never to redirected output' {
        $configHome = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'config')).FullName
        $password = 'generated-' + [guid]::NewGuid().ToString('N')
        # The child's output is a pipe here, as in a CI log or `deploy.sh > out.txt`.
        $output = @(Invoke-ChildPwsh "Import-Module ./scripts/DeployTarget.psm1; (Save-GeneratedPassword -Password '$password' -Name web.eu-west-1).FullName" @{ XDG_CONFIG_HOME = $configHome })
        $file = Join-Path $configHome 'stackkit/web.eu-west-1.password'
        ($output -join "`n") | Should -Not -BeLike "*$password*"
        $output | Should -Contain "The service's generated password for admin is in $file (readable by you only)."
        Get-Content -Raw $file | Should -BeExactly $password
        (Get-Item $file).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        (Get-Item (Split-Path $file)).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    }

    It 'the next steps for bash are bash commands (aws and curl), with the password read from its file' {
        Import-Module (Join-Path $repo 'scripts/DeployTarget.psm1') -Force
        $stack = [pscustomobject]@{ Name = 'web'; Region = 'eu-west-1'; Url = 'http://web-1.eu-west-1.elb.amazonaws.com' }
        $steps = @(Get-DeployNextSteps -Shell Bash -Stack $stack -PasswordFile '/home/u/.config/stackkit/web.eu-west-1.password')
        $steps | Should -HaveCount 3
        foreach ($step in $steps) {
            $command = $step.Substring($step.IndexOf(':') + 1).Trim()
            $command | Should -Match '^(aws|curl) '
            $command | Should -Not -BeLike '*-HttpService*'
            bash -n -c $command
            $LASTEXITCODE | Should -Be 0 -Because $command
        }
        $steps[1] | Should -BeLike '*--user "admin:$(cat ''/home/u/.config/stackkit/web.eu-west-1.password'')"*'
    }

    Context '--ssh-from-here (Get-CallerSshCidr), with an address echo stand-in on loopback' {
        BeforeAll {
            Import-Module (Join-Path $repo 'scripts/LocalServices.psm1') -Force
            Import-Module (Join-Path $repo 'scripts/DeployTarget.psm1') -Force
            $site = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'echo')
            Set-Content (Join-Path $site 'ip') "203.0.113.7"
            Set-Content (Join-Path $site 'page') '<html>captive portal</html>'
            $port = Get-FreeLoopbackPort
            $script:echo = Start-Process python3 -ArgumentList '-m', 'http.server', $port, '--bind', '127.0.0.1', '--directory', $site.FullName -PassThru `
                -RedirectStandardOutput (Join-Path $TestDrive 'echo.out') -RedirectStandardError (Join-Path $TestDrive 'echo.err')
            $script:echoUrl = "http://127.0.0.1:$port"
            Wait-HttpReady -Url "$echoUrl/ip" -Process $echo -Name 'the address echo stand-in'
        }
        AfterAll {
            Stop-Process -Id $echo.Id -Force
            $echo.WaitForExit()
        }

        It 'allows SSH from the address the echo service sees, as a /32' {
            Get-CallerSshCidr -Url "$echoUrl/ip" | Should -Be '203.0.113.7/32'
        }

        It 'says what went wrong and what to pass instead when the service cannot be reached' {
            { Get-CallerSshCidr -Url "http://127.0.0.1:$(Get-FreeLoopbackPort)/" } |
                Should -Throw "Could not learn this machine's public address from http://127.0.0.1:*Pass --ssh-cidr <your address>/32*"
        }

        It 'refuses an answer that is not an IPv4 address' {
            { Get-CallerSshCidr -Url "$echoUrl/page" } | Should -Throw "*answered '<html>captive portal</html>', not an IPv4 address*--ssh-cidr*"
        }
    }
}
