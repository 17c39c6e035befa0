import json,os
from datetime import datetime,timezone
import boto3
S=os.environ['STACK_NAME'];T=os.environ.get('TOPIC_ARN');N=boto3.client('sns') if T else None;R=('@@RemovedBy@@','@@RemovedAt@@')
def v(i,n):
 a=(i or {}).get(n) or {};return a.get('S',a.get('N'))
def t(s):
 return None if s is None else datetime.fromtimestamp(float(s),timezone.utc).isoformat()[:19]+'Z'
def kind(r):
 d=r['dynamodb'];n=d.get('NewImage');o=d.get('OldImage')
 if r['eventName']=='REMOVE':
  u=r.get('userIdentity') or {}
  if u.get('type')=='Service' and u.get('principalId')=='dynamodb.amazonaws.com':return 'expired','DynamoDB time to live',o
  p=v(o,'@@Lifetime@@') is not None and v(o,'@@ApprovedBy@@') is None
  return ('denied' if p else 'removed'),v(o,'@@RemovedBy@@'),o
 if v(n,'@@RemovedBy@@') is not None and v(o,'@@RemovedBy@@') is None and {a:b for a,b in n.items() if a not in R}=={a:b for a,b in (o or {}).items() if a not in R}:return None
 if v(n,'@@ApprovedBy@@') is not None and v(o,'@@ApprovedBy@@') is None:return 'approved',v(n,'@@ApprovedBy@@'),n
 p=v(n,'@@Lifetime@@') is not None and v(n,'@@ApprovedBy@@') is None
 return ('pending' if p else 'added'),v(n,'@@AddedBy@@'),n
def handler(e,c):
 for r in e['Records']:
  k=kind(r)
  if k is None:continue
  i=k[2];l={'audit':'ssh-key','stack':S,'change':k[0],'fingerprint':v(i,'@@Fingerprint@@'),'type':v(i,'@@Type@@'),'comment':v(i,'@@Comment@@'),'by':k[1] or 'not recorded','at':t(r['dynamodb'].get('ApproximateCreationDateTime')),'expiresAt':t(v(i,'@@ExpiresAt@@')),'eventId':r['eventID']}
  m=json.dumps(l,ensure_ascii=True,separators=(',',':'));print(m)
  if N:N.publish(TopicArn=T,Subject=f'StackKit {S}: SSH key {k[0]}'[:100],Message='\n'.join([f'SSH key {k[0]} on stack {S}']+[f'{x}: {json.dumps(l[x])}' for x in list(l)[3:9]]+['',m]))
