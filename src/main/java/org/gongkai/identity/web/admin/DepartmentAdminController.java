package org.gongkai.identity.web.admin;

import jakarta.validation.Valid;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.DepartmentAdministration;
import org.gongkai.support.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/admin/departments")
class DepartmentAdminController {

    private final IdentityManagement identity;
    private final DepartmentAdministration departmentAdministration;

    DepartmentAdminController(IdentityManagement identity, DepartmentAdministration departmentAdministration) {
        this.departmentAdministration = departmentAdministration;
        this.identity = identity;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("departments", identity.departments());
        model.addAttribute("departmentNames", identity.departmentNames());
        return "admin/identity/departments";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        return form(model, DepartmentForm.empty(), null);
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("form") DepartmentForm form, BindingResult errors, Model model, RedirectAttributes flash) {
        if (!errors.hasErrors()) {
            try {
                departmentAdministration.createDepartment(form.toCommand());
                flash.addFlashAttribute("notice", "department.saved");
                return "redirect:/admin/departments";
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        return form(model, form, null);
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        return form(model, DepartmentForm.of(identity.department(id)), id);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") DepartmentForm form, BindingResult errors, Model model,
                  RedirectAttributes flash) {
        if (!errors.hasErrors()) {
            try {
                departmentAdministration.updateDepartment(id, form.version(), form.toCommand());
                flash.addFlashAttribute("notice", "department.saved");
                return "redirect:/admin/departments";
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        return form(model, form, id);
    }

    private String form(Model model, DepartmentForm form, Long id) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form);
        }
        model.addAttribute("departmentId", id);
        model.addAttribute("departmentNames", identity.departmentNames());
        return "admin/identity/department-form";
    }
}
