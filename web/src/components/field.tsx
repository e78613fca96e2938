// One labelled form control with its help text and the API's reason when it refused the field.
import { cloneElement, type ComponentChildren, type VNode } from 'preact';
import { useId } from 'preact/hooks';

interface Props {
  label: ComponentChildren;
  /** The control: an input, select or textarea; it gets the id, aria-describedby and aria-invalid. */
  children: VNode;
  help?: ComponentChildren;
  error?: string | undefined;
}

export function Field({ label, children, help, error }: Props) {
  const id = useId();
  const described = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined })}
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
