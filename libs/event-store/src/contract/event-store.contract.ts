import { describeAppendContract } from './append.contract';
import { describeConcurrencyContract } from './concurrency.contract';
import type { ContractSubject, MakeContractSubject } from './contract-helpers';
import { describeInvalidInputContract } from './invalid-input.contract';
import { describeReadContract } from './read.contract';
import { describeSubscriptionContract } from './subscription.contract';

export type { ContractSubject, MakeContractSubject } from './contract-helpers';

/**
 * The behaviour every `EventStore` adapter must show, written against the port alone. Call it
 * from an adapter's integration spec with a factory for a fresh, empty-or-not store.
 */
export function describeEventStoreContract(name: string, makeStore: MakeContractSubject): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject | undefined;
    const current = (): ContractSubject => {
      if (!subject) throw new Error('no store: the contract runs its tests inside beforeEach');
      return subject;
    };
    beforeEach(async () => {
      subject = await makeStore();
    });
    afterEach(async () => {
      await subject?.cleanup();
      subject = undefined;
    });

    describeAppendContract(current);
    describeConcurrencyContract(current);
    describeReadContract(current);
    describeSubscriptionContract(current);
    describeInvalidInputContract(current);
  });
}
