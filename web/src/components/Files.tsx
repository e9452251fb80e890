import { useRef, useState, type DragEvent } from "react";
import { checkFiles, MAX_FILES } from "../evidence";

/** A file picker with a drop zone; files are checked (type from their bytes, size, count)
 * as soon as they are chosen. */
export function Files(props: {
  id: string;
  label: string;
  files: File[];
  onChange: (files: File[], problems: string[]) => void;
  problems: string[];
  describedBy?: string;
}) {
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const update = async (files: File[]) => props.onChange(files, await checkFiles(files));
  const add = (more: FileList | null) => {
    if (more) void update([...props.files, ...Array.from(more)]);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };
  const problemsId = `${props.id}-problems`;
  return (
    <div
      className={dragging ? "dropzone dragging" : "dropzone"}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <label htmlFor={props.id}>{props.label}</label>
      <input
        ref={input}
        id={props.id}
        type="file"
        multiple
        accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
        aria-describedby={[props.problems.length ? problemsId : "", props.describedBy ?? ""].join(" ").trim() || undefined}
        aria-invalid={props.problems.length > 0 || undefined}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = "";
        }}
      />
      <p className="hint">PDF, PNG or JPEG, up to 10 MiB each, at most {MAX_FILES}; or drop files here.</p>
      {props.files.length > 0 && (
        <ul aria-label="Chosen files">
          {props.files.map((file, i) => (
            <li key={`${file.name}-${i}`}>
              {file.name} ({Math.ceil(file.size / 1024)} KiB){" "}
              <button
                type="button"
                onClick={() => {
                  // The button goes with its file: focus goes back to the picker, not the page.
                  input.current?.focus();
                  void update(props.files.filter((_, j) => j !== i));
                }}
              >
                Remove {file.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {props.problems.length > 0 && (
        <p id={problemsId} className="field-error">
          {props.problems.join(" ")}
        </p>
      )}
    </div>
  );
}
