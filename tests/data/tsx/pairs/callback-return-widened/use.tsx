import { Field } from './component';

export const Email = () => <Field name="email" validate={(value) => value.includes('@')} />;
