import { Field, ObjectType } from '@nestjs/graphql';
import { DiplomaticEvent } from '../diplomatic-events/graphql/outputs';
import { ChangeTypeEnum } from '../diplomatic-events/graphql/enums';

@ObjectType({
  description: 'One change to a record, in log order. Resume a feed with `after: cursor`.',
})
export class EventChange {
  @Field({
    description: 'Position of this change in the log: pass it as `after` to resume after it.',
  })
  cursor!: string;
  @Field(() => ChangeTypeEnum, { description: 'How the record changed.' }) type!: string;
  @Field(() => DiplomaticEvent, { description: 'The record as it stood right after this change.' })
  event!: DiplomaticEvent;
  /** A Date, or the ISO string the read model holds (the DateTime scalar writes both). */
  @Field(() => Date, { description: 'When the archive recorded this change (transaction time).' })
  recordedAt!: Date | string;
}
